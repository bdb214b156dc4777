using System.Diagnostics;

namespace DihNode.Reliability.Tests.Support;

/// <summary>The <c>dihnode</c> built beside the tests, run as a child process with the same dotnet host.</summary>
internal static class Dihnode
{
    public static ProcessStartInfo Start(IEnumerable<string> args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dihnode.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DIHNODE_SHARED"] = TestEnvironment.SharedRoot;
        return start;
    }
}
