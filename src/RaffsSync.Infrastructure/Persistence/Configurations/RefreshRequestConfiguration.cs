using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Refresh;

namespace RaffsSync.Infrastructure.Persistence.Configurations;

internal sealed class RefreshRequestConfiguration : IEntityTypeConfiguration<RefreshRequest>
{
    public const string TableName = "refresh_requests";

    public void Configure(EntityTypeBuilder<RefreshRequest> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(request => request.Id);

        builder.Property(request => request.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(request => request.DatabaseId).HasColumnName("database_id");
        builder
            .Property(request => request.RecordType)
            .HasColumnName("record_type")
            .HasMaxLength(RefreshRequestLimits.RecordTypeMaxLength);
        builder.Property(request => request.RecordId).HasColumnName("record_id");
        builder
            .Property(request => request.RecordNumber)
            .HasColumnName("record_number")
            .HasMaxLength(RefreshRequestLimits.RecordNumberMaxLength);
        builder
            .Property(request => request.Action)
            .HasColumnName("action")
            .HasMaxLength(RefreshRequestLimits.ActionMaxLength);
        builder
            .Property(request => request.Status)
            .HasColumnName("status")
            .HasMaxLength(RefreshRequestLimits.StatusMaxLength)
            .HasConversion(status => status.ToName(), name => RefreshRequestStatusNames.Parse(name));
        builder.Property(request => request.RequestedAt).HasColumnName("requested_at");
        builder
            .Property(request => request.FirstEventId)
            .HasColumnName("first_event_id")
            .HasMaxLength(InboxLimits.EventIdMaxLength);
        builder
            .Property(request => request.LastEventId)
            .HasColumnName("last_event_id")
            .HasMaxLength(InboxLimits.EventIdMaxLength);
        builder.Property(request => request.CreatedAt).HasColumnName("created_at");
        builder.Property(request => request.UpdatedAt).HasColumnName("updated_at");
        builder.Property(request => request.CompletedAt).HasColumnName("completed_at");

        // At most one pending request per record: new notifications fold into it.
        builder
            .HasIndex(request => new
            {
                request.DatabaseId,
                request.RecordType,
                request.RecordId,
            })
            .IsUnique()
            .HasFilter($"status = '{RefreshRequestStatusNames.Pending}'")
            .HasDatabaseName("ux_refresh_requests_pending_record");

        // For the fetcher that will complete requests, which is not built yet: pending ones, oldest first.
        builder
            .HasIndex(request => new { request.Status, request.RequestedAt })
            .HasDatabaseName("ix_refresh_requests_status_requested_at");
    }
}
