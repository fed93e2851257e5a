using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a PostgreSQL server. <see cref="StopAsync"/> closes every relayed
/// connection and the listener, so clients see what they see when the server process stops: open connections
/// end and new ones are refused. The server itself keeps running for the other tests.
/// </summary>
public sealed class StoppableRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<Socket> sockets = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;

    private StoppableRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Starts a relay to the server of <paramref name="connectionString"/>.</summary>
    public static StoppableRelay Start(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new StoppableRelay(builder.Host ?? IPAddress.Loopback.ToString(), builder.Port);
    }

    /// <summary>Returns <paramref name="connectionString"/> with the host and port replaced by the relay's.</summary>
    public string Redirect(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
        }.ToString();

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (sockets)
        {
            foreach (var socket in sockets)
            {
                // A zero linger time resets the connection instead of closing it gracefully.
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
            }

            sockets.Clear();
        }

        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // The accept loop ends by cancellation.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await StopAsync();
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptSocketAsync(stopping.Token);
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
            lock (sockets)
            {
                sockets.Add(client);
                sockets.Add(server);
            }

            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(Socket client, Socket server)
    {
        await using var clientStream = new NetworkStream(client, ownsSocket: false);
        await using var serverStream = new NetworkStream(server, ownsSocket: false);
        try
        {
            await Task.WhenAny(
                clientStream.CopyToAsync(serverStream, stopping.Token),
                serverStream.CopyToAsync(clientStream, stopping.Token)
            );
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            // One side closed or the relay stopped; both sockets are closed below or by StopAsync.
        }

        lock (sockets)
        {
            sockets.Remove(client);
            sockets.Remove(server);
        }

        client.Dispose();
        server.Dispose();
    }
}
