using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Infrastructure.Persistence.Configurations;

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public const string TableName = "inbox_events";

    public void Configure(EntityTypeBuilder<InboxEvent> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(inboxEvent => inboxEvent.Id);

        builder.Property(inboxEvent => inboxEvent.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(inboxEvent => inboxEvent.ReceiptId).HasColumnName("receipt_id");
        builder
            .Property(inboxEvent => inboxEvent.Provider)
            .HasColumnName("provider")
            .HasMaxLength(InboxLimits.ProviderMaxLength);
        builder
            .Property(inboxEvent => inboxEvent.EventId)
            .HasColumnName("event_id")
            .HasMaxLength(InboxLimits.EventIdMaxLength);
        builder.Property(inboxEvent => inboxEvent.EventIdDerived).HasColumnName("event_id_derived");
        builder
            .Property(inboxEvent => inboxEvent.EventType)
            .HasColumnName("event_type")
            .HasMaxLength(InboxLimits.EventTypeMaxLength);
        builder
            .Property(inboxEvent => inboxEvent.Topic)
            .HasColumnName("topic")
            .HasMaxLength(InboxLimits.TopicMaxLength);
        builder.Property(inboxEvent => inboxEvent.Body).HasColumnName("body");
        builder
            .Property(inboxEvent => inboxEvent.BodySha256)
            .HasColumnName("body_sha256")
            .HasMaxLength(InboxLimits.Sha256Length);
        builder.Property(inboxEvent => inboxEvent.Headers).HasColumnName("headers");
        builder.Property(inboxEvent => inboxEvent.ReceivedAt).HasColumnName("received_at");
        builder
            .Property(inboxEvent => inboxEvent.Status)
            .HasColumnName("status")
            .HasMaxLength(16)
            .HasConversion(status => status.ToName(), name => InboxEventStatusNames.Parse(name));
        builder.Property(inboxEvent => inboxEvent.Attempts).HasColumnName("attempts");
        builder.Property(inboxEvent => inboxEvent.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(inboxEvent => inboxEvent.LockedUntil).HasColumnName("locked_until");
        builder
            .Property(inboxEvent => inboxEvent.LastError)
            .HasColumnName("last_error")
            .HasMaxLength(InboxLimits.LastErrorMaxLength);
        builder.Property(inboxEvent => inboxEvent.ProcessedAt).HasColumnName("processed_at");
        builder
            .Property(inboxEvent => inboxEvent.Outcome)
            .HasColumnName("outcome")
            .HasMaxLength(InboxLimits.OutcomeMaxLength);

        // The idempotency key: INSERT ... ON CONFLICT DO NOTHING relies on this index.
        builder
            .HasIndex(inboxEvent => new { inboxEvent.Provider, inboxEvent.EventId })
            .IsUnique()
            .HasDatabaseName("ux_inbox_events_provider_event_id");

        // Workers look for due events by status and time.
        builder
            .HasIndex(inboxEvent => new { inboxEvent.Status, inboxEvent.NextAttemptAt })
            .HasDatabaseName("ix_inbox_events_status_next_attempt_at");

        builder.HasIndex(inboxEvent => inboxEvent.ReceiptId).HasDatabaseName("ix_inbox_events_receipt_id");
    }
}
