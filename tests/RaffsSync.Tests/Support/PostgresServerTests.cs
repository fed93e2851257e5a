using Npgsql;
using NUnit.Framework;

namespace RaffsSync.Tests.Support;

[TestFixture]
public sealed class PostgresServerTests
{
    private PostgresServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await PostgresServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task SelectOneReturnsOne()
    {
        var connectionString = await _server.CreateDatabaseAsync("server_select_one");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        var result = await command.ExecuteScalarAsync();

        Assert.That(result, Is.EqualTo(1));
    }

    [Test]
    public async Task CreateDatabaseConnectsToNamedDatabase()
    {
        var connectionString = await _server.CreateDatabaseAsync("server_named");

        var databaseName = await QueryScalarAsync(connectionString, "select current_database()");

        Assert.That(databaseName, Is.EqualTo("server_named"));
    }

    [Test]
    public async Task CreateDatabaseTwiceStartsEmpty()
    {
        var first = await _server.CreateDatabaseAsync("server_recreated");
        await QueryScalarAsync(first, "create table leftover (id int)");

        var second = await _server.CreateDatabaseAsync("server_recreated");
        var tableCount = await QueryScalarAsync(
            second,
            "select count(*) from information_schema.tables where table_schema = 'public'"
        );

        Assert.That(tableCount, Is.Zero);
    }

    [TestCase("")]
    [TestCase("Upper")]
    [TestCase("1starts_with_digit")]
    [TestCase("has-dash")]
    [TestCase("quote\"d")]
    [TestCase("trailing_newline\n")]
    public void InvalidDatabaseNameThrows(string name)
    {
        Assert.That(
            () => _server.CreateDatabaseAsync(name),
            Throws.ArgumentException.With.Message.Contains("Invalid database name")
        );
    }

    [Test]
    public void DatabaseNameOver63CharactersThrows()
    {
        var name = new string('a', 64);

        Assert.That(() => _server.CreateDatabaseAsync(name), Throws.ArgumentException);
    }

    private static async Task<object?> QueryScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
