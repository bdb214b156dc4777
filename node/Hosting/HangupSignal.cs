using System.Runtime.InteropServices;

namespace DihNode.Node.Hosting;

/// <summary>
/// SIGHUP as the node's "re-read your files" signal. A process started under <c>nohup</c> (or by a supervisor
/// that ignores SIGHUP) inherits SIGHUP as ignored, and .NET then never calls a registered handler, so the
/// signal would silently do nothing. A node that reloads on SIGHUP puts it back to its default first: a
/// terminal hang-up then reloads the files too, which is harmless, while a reload asked for is never lost.
/// </summary>
internal static partial class HangupSignal
{
    private const int Sighup = 1; // the same number on Linux and the BSDs
    private static readonly nint Default = 0; // SIG_DFL

    /// <summary>Registers <paramref name="reload"/> for SIGHUP (its default action, ending the process, is cancelled).</summary>
    public static PosixSignalRegistration Register(Action reload)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            SetDisposition(Sighup, Default);
        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            reload();
        });
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetDisposition(int signal, nint handler);
}
