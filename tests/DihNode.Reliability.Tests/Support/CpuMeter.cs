using System.Diagnostics;

namespace DihNode.Reliability.Tests.Support;

/// <summary>The process's CPU use (the node runs in the test process), to see a stopped query really stopped.</summary>
internal static class CpuMeter
{
    /// <summary>
    /// Waits until a 250 ms window uses less than 40 % of one core, and returns how long that took from
    /// the call (the end of the window that was quiet); null if no window within <paramref name="limit"/> was quiet.
    /// </summary>
    public static async Task<TimeSpan?> TimeUntilIdle(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        while (clock.Elapsed < limit)
        {
            process.Refresh();
            TimeSpan before = process.TotalProcessorTime;
            var window = Stopwatch.StartNew();
            await Task.Delay(250);
            process.Refresh();
            double share = (process.TotalProcessorTime - before).TotalMilliseconds / window.Elapsed.TotalMilliseconds;
            if (share < 0.4) return clock.Elapsed;
        }
        return null;
    }
}
