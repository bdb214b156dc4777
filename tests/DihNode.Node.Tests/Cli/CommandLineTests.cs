namespace DihNode.Node.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void NoArgumentsIsAUsageError()
    {
        Assert.Equal(2, _host.Run());
        Assert.Contains("usage: dihnode COMMAND", _host.Error);
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        Assert.Equal(0, _host.Run("--help"));
        Assert.Contains("convert IN OUT", _host.Out);
        Assert.Contains("stats FILE", _host.Out);
        Assert.Contains("validate-syntax FILE", _host.Out);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        Assert.Equal(2, _host.Run("frobnicate"));
        Assert.Contains("unknown command 'frobnicate'", _host.Error);
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        string file = _host.File("a.nt", "");
        Assert.Equal(2, _host.Run("stats", file, "--frmat", "nt"));
        Assert.Contains("unknown option '--frmat'", _host.Error);
    }

    [Fact]
    public void MissingFileIsAUsageError()
    {
        Assert.Equal(2, _host.Run("validate-syntax", _host.PathOf("nope.ttl")));
        Assert.Contains("no such file", _host.Error);
        Assert.Contains("nope.ttl", _host.Error);
    }

    [Fact]
    public void UnknownExtensionNeedsAFormat()
    {
        string file = _host.File("data.txt", "");
        Assert.Equal(2, _host.Run("stats", file));
        Assert.Contains("--format", _host.Error);
        Assert.Equal(2, _host.Run("stats", file, "--format", "klingon"));
        Assert.Contains("unknown format 'klingon'", _host.Error);
    }

    [Fact]
    public void MissingAndExtraArgumentsAreUsageErrors()
    {
        Assert.Equal(2, _host.Run("convert", "only-one.ttl"));
        Assert.Contains("missing argument", _host.Error);
        Assert.Equal(2, _host.Run("stats", "a.ttl", "b.ttl"));
        Assert.Contains("unexpected argument 'b.ttl'", _host.Error);
    }

    [Fact]
    public void StandardInputNeedsAFormat()
    {
        Assert.Equal(2, _host.Run("convert", "-", _host.PathOf("out.nt")));
        Assert.Contains("'-' needs --from", _host.Error);
    }
}
