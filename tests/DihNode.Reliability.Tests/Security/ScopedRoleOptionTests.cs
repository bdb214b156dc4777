using System.Diagnostics;
using DihNode.Node.Cli;
using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// The scoped ROLES syntax of <c>--key</c> and <c>--keys</c>: old forms keep their meaning (a key may still
/// contain ':'), scopes survive IRIs with ':' and ',', and each mistake names <c>--key NAME</c> or
/// <c>FILE:LINE</c>, the roles field and what is wrong, never the key; <c>serve</c> exits 2 on them.
/// </summary>
public sealed class ScopedRoleOptionTests(ITestOutputHelper output)
{
    private const string Key = "scoped-key-6d1f9a2c7e40";

    private static NodeOptions Read(params string[] args) => ServeCommand.ReadOptions(new CliArguments("serve", args), "node.db");

    private static WriteCredential Single(params string[] args) => Assert.Single(Read(args).Credentials);

    [Fact]
    public void OldFormsKeepTheirMeaning()
    {
        // Without a scope the KEY is everything after the second ':', so a key with ':' stays valid.
        var ops = Single("--key", "ops:admin:" + "admin:key:with:colons");
        Assert.Equal(WriteRole.Admin, ops.Roles);
        Assert.Equal(WriteCredential.Hash("admin:key:with:colons"), ops.KeyHash);
        var both = Single("--key", "curator:registry,data:" + Key);
        Assert.Equal(WriteRole.Registry | WriteRole.Data, both.Roles);
        Assert.Empty(both.GraphPrefixes);
        Assert.Empty(both.Countries);
        Assert.Equal("registry,data", both.Describe());
    }

    [Fact]
    public void ScopesSurviveIrisWithColonsAndCommas()
    {
        var lyon = Single("--key", $"lyon:data=http://example.org/graphs/lyon/,registry=FR:{Key}");
        Assert.Equal(WriteRole.Data | WriteRole.Registry, lyon.Roles);
        Assert.Equal(["http://example.org/graphs/lyon/"], lyon.GraphPrefixes);
        Assert.Equal(["FR"], lyon.Countries);
        Assert.Equal(WriteCredential.Hash(Key), lyon.KeyHash);

        var lab = Single("--key", $"lab:data=<http://example.org/a,b/>,data=<urn:x:y:>:{Key}");
        Assert.Equal(WriteRole.Data, lab.Roles);
        Assert.Equal(["http://example.org/a,b/", "urn:x:y:"], lab.GraphPrefixes);

        // A bare IRI keeps a comma that no role name follows.
        Assert.Equal(["http://example.org/a,b/"], Single("--key", $"c:data=http://example.org/a,b/:{Key}").GraphPrefixes);

        var national = Single("--key", $"national:data,registry=fr,registry=BE:{Key}");
        Assert.Equal(["FR", "BE"], national.Countries);
        Assert.Empty(national.GraphPrefixes);
        Assert.True(national.MayWriteGraph(null)); // data unscoped: every graph, the default one too
        Assert.False(national.MayWriteCountry("DE"));
        Assert.True(national.MayWriteCountry("be"));

        var described = AccessArguments.Describe(Read("--key", $"lyon:data=http://example.org/graphs/lyon/,registry=FR:{Key}", "--key", "ops:admin:" + Key));
        output.WriteLine(described);
        Assert.Contains("lyon (registry=FR,data=<http://example.org/graphs/lyon/>), ops (admin)", described, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, described, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKeysFileTakesScopes()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-scoped-keys-").FullName;
        try
        {
            string file = Path.Combine(folder, "keys");
            string hash = Convert.ToHexStringLower(WriteCredential.Hash(Key));
            File.WriteAllLines(file, ["# name roles sha256", $"lyon data=http://example.org/graphs/lyon/,registry=FR {hash}", $"lab data=<urn:lab:a:>,data=<urn:lab:b:> {hash}"]);
            var credentials = Read("--keys", file).Credentials;
            Assert.Equal(["http://example.org/graphs/lyon/"], credentials.Single(c => c.Name == "lyon").GraphPrefixes);
            Assert.Equal(["FR"], credentials.Single(c => c.Name == "lyon").Countries);
            Assert.Equal(["urn:lab:a:", "urn:lab:b:"], credentials.Single(c => c.Name == "lab").GraphPrefixes);

            File.WriteAllLines(file, ["# name roles sha256", $"lyon data=http://example.org/graphs/lyon/ {hash}", $"fr registry=FRA {hash}"]);
            var e = Assert.Throws<CliUsageException>(() => Read("--keys", file));
            output.WriteLine(e.Message.Replace(folder, "…", StringComparison.Ordinal));
            Assert.Contains("keys:3: roles 'registry=FRA' for 'fr': 'registry=FRA': the scope of registry is a country code of two letters", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("lyon:data=http://example.org/graphs/lyon/", "--key lyon: roles 'data=http' for 'lyon': 'data=http': the scope of data is the start of the graphs' IRIs, an absolute IRI such as http://example.org/graphs/lyon/ (with a scoped role the KEY is the last ':'-separated field")]
    [InlineData("lyon:registry=FR:short", "--key lyon: the key is shorter than 16 characters (with a scoped role the KEY is the last ':'-separated field")]
    [InlineData("lyon:data=graphs/lyon/:" + Key, "--key lyon: roles 'data=graphs/lyon/' for 'lyon': 'data=graphs/lyon/': the scope of data is the start of the graphs' IRIs, an absolute IRI")]
    [InlineData("lyon:registry=France:" + Key, "--key lyon: roles 'registry=France' for 'lyon': 'registry=France': the scope of registry is a country code of two letters")]
    [InlineData("ops:admin=FR:" + Key, "--key ops: roles 'admin=FR' for 'ops': 'admin=FR': admin takes no scope")]
    [InlineData("ops:admin,data=http://example.org/:" + Key, "--key ops: roles 'admin,data=http://example.org/' for 'ops': admin may write everything, so it cannot be combined with a scoped role")]
    [InlineData("x:data,data=http://example.org/:" + Key, "--key x: roles 'data,data=http://example.org/' for 'x': the role data is given both without a scope")]
    [InlineData("x:data=<http://example.org/:" + Key, "--key x: roles 'data=<http://example.org/' for 'x': 'data=<http://example.org/': the IRI opened with '<' has no closing '>'")]
    [InlineData("x:writer=FR:" + Key, "--key x: roles 'writer=FR' for 'x': use registry, data or admin, separated by commas, with data=IRI-PREFIX or registry=CC for a scope ('writer=FR' is not a role)")]
    [InlineData("x:data=:" + Key, "--key x: roles 'data=' for 'x': 'data=': the scope of data is the start of the graphs' IRIs")]
    public void MistakesNameTheFieldAndNeverTheKey(string value, string expected)
    {
        var e = Assert.Throws<CliUsageException>(() => Read("--key", value));
        output.WriteLine(e.Message);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeExits2OnAScopeMistakeAndItsHelpShowsTheSyntax()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-scoped-serve-").FullName;
        try
        {
            var start = Dihnode.Start(["serve", "--db", Path.Combine(folder, "node.db"), "--urls", "http://127.0.0.1:0", "--key", $"lyon:registry=France:{Key}"]);
            using (var process = Process.Start(start)!)
            {
                string error = await process.StandardError.ReadToEndAsync();
                await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                output.WriteLine($"exit {process.ExitCode}: {error.Trim()}");
                Assert.Equal(2, process.ExitCode);
                Assert.Contains("dihnode serve: --key lyon: roles 'registry=France' for 'lyon'", error, StringComparison.Ordinal);
                Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
            }
            Assert.False(File.Exists(Path.Combine(folder, "node.db"))); // refused before the database was opened

            using (var help = Process.Start(Dihnode.Start(["serve", "--help"]))!)
            {
                string text = await help.StandardOutput.ReadToEndAsync();
                await help.WaitForExitAsync();
                Assert.Equal(0, help.ExitCode);
                Assert.Contains("--key NAME:ROLES:KEY", text, StringComparison.Ordinal);
                Assert.Contains("data=IRI-PREFIX", text, StringComparison.Ordinal);
                Assert.Contains("registry=CC", text, StringComparison.Ordinal);
                Assert.Contains("KEY is the LAST field", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
