using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NeuralNet.Engine.Tests.Support;
using Npgsql;

namespace NeuralNet.Postgres.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder (as the <c>postgres</c> user when the
/// tests run as root, since the server refuses to run as root), started on a free local port with its socket in that
/// folder, stopped and deleted at the end. Without the server binaries (Debian's <c>postgresql</c> package) the
/// tests are skipped, saying so.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private const string User = "nn";
    private readonly TempDirectory _directory = new();
    private readonly string _bin;
    private int _databases;

    private PostgresCluster(string bin)
    {
        _bin = bin;
        Port = FreePort();
        if (IsRoot) Run("chown", "-R", "postgres", _directory.Path);
        RunServer("initdb", "-D", DataDirectory, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8");
        Start();
    }

    public int Port { get; }

    private string DataDirectory => _directory.Combine("data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> with initdb, or <c>NEURALNET_POSTGRES_BIN</c>; null when there is none.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("NEURALNET_POSTGRES_BIN") is { Length: > 0 } configured) return configured;
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out int v) ? v : 0).FirstOrDefault()
            : null;
    }

    /// <summary>Starts a cluster, or skips the test when the server binaries are absent.</summary>
    public static PostgresCluster StartOrSkip()
    {
        string? bin = FindBinaries();
        if (bin is null)
            Assert.Ignore("PostgreSQL server binaries not found (/usr/lib/postgresql/<version>/bin/initdb, or NEURALNET_POSTGRES_BIN): install the 'postgresql' package (.ci/run does) to run the PostgreSQL queue tests.");
        return new PostgresCluster(bin);
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username={User};Timeout=5";

    /// <summary>A new empty database for one test.</summary>
    public string CreateDatabase()
    {
        string name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute("postgres", $"CREATE DATABASE {name}");
        return name;
    }

    public void Execute(string database, string sql)
    {
        // Unpooled, here and in Query: a pooled connection would not survive Restart.
        using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public List<object?[]> Query(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            object?[] row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Stops the server (clients are disconnected) and starts it again on the same port.</summary>
    public void Restart(TimeSpan down)
    {
        RunServer("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        Thread.Sleep(down);
        Start();
    }

    private void Start()
        => RunServer("pg_ctl", "-D", DataDirectory, "-w", "-l", _directory.Combine("server.log"), "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");

    public void Dispose()
    {
        try
        {
            RunServer("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private void RunServer(string program, params string[] args)
    {
        string path = Path.Combine(_bin, program);
        if (IsRoot) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        HostProcess.Result result = HostProcess.Run(info, TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {result.ExitCode}: {result.All}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
