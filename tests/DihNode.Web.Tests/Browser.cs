using System.Diagnostics;
using Microsoft.Playwright;

namespace DihNode.Web.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (never a downloaded browser): the executable <c>command -v
/// chromium</c> names, headless, without the sandbox (containers) and the background services. One
/// browser per test run; each test gets its own context and page.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    public static async Task<Browser> LaunchAsync()
    {
        var browser = new Browser { _playwright = await Playwright.CreateAsync() };
        browser.Instance = await browser._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return browser;
    }

    /// <summary>Where the system's chromium is: <c>command -v chromium</c>, else /usr/bin/chromium.</summary>
    public static string ChromiumPath()
    {
        try
        {
            var start = new ProcessStartInfo("sh", ["-c", "command -v chromium"]) { RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            string path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (path.Length > 0 && File.Exists(path)) return path;
        }
        catch (System.ComponentModel.Win32Exception) { }
        return "/usr/bin/chromium";
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
