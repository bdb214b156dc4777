using System.Diagnostics;

namespace DihNode.Node.Cli;

/// <summary>
/// One <c>dihnode serve</c> child process of <c>network demo</c>: started with this program (through
/// <c>dotnet</c> when it runs as a dll), its output appended to <c>node.log</c> in its folder, its standard
/// input held open (the node runs with <c>--stop-with-stdin</c>, so it stops when the input closes: on
/// <see cref="RequestStop"/>, or when this process dies).
/// </summary>
internal sealed class NodeProcess
{
    private readonly Process _process;
    private readonly ManualResetEventSlim _ready = new();
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();

    private NodeProcess(string name, Process process, string log, StreamWriter writer)
    {
        Name = name;
        _process = process;
        Log = log;
        _log = writer;
    }

    public string Name { get; }

    public string Log { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static NodeProcess Start(string name, string folder, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        string program = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        if (Path.GetFileNameWithoutExtension(program) == "dotnet") start.ArgumentList.Add(typeof(NodeProcess).Assembly.Location);
        foreach (string a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        string log = Path.Combine(folder, "node.log");
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, log, writer);
        process.OutputDataReceived += (_, e) => node.Line(e.Data, ready: e.Data?.StartsWith("federation:", StringComparison.Ordinal) == true);
        process.ErrorDataReceived += (_, e) => node.Line(e.Data, ready: false);
        process.Exited += (_, _) => node._ready.Set();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Line(string? line, bool ready)
    {
        if (line is null) return;
        lock (_lock) _log.WriteLine(line);
        if (ready) _ready.Set();
    }

    /// <summary>Waits until the node says it listens; false when it exited, timed out, or <paramref name="stop"/> was set.</summary>
    public bool WaitReady(TimeSpan timeout, ManualResetEventSlim stop)
    {
        WaitHandle.WaitAny([_ready.WaitHandle, stop.WaitHandle], timeout);
        return _ready.IsSet && !_process.HasExited && !stop.IsSet;
    }

    /// <summary>Closes the node's standard input: it shuts down gracefully.</summary>
    public void RequestStop()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { } catch (InvalidOperationException) { }
    }

    /// <summary>Waits for the node to exit; kills it when it takes longer than <paramref name="timeout"/>.</summary>
    public void WaitOrKill(TimeSpan timeout)
    {
        try
        {
            if (!_process.WaitForExit(timeout)) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        lock (_lock) _log.Dispose();
        _process.Dispose();
    }
}
