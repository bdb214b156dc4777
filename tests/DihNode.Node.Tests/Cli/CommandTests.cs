namespace DihNode.Node.Tests.Cli;

/// <summary>The commands end to end on small files (they need the parsers).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private const string Turtle = """
        @prefix ex: <http://example.org/> .
        ex:s a ex:C ;
            ex:p "x", "y"@en .
        """;

    [Fact]
    public void ConvertsTurtleToNTriples()
    {
        string input = _host.File("in.ttl", Turtle);
        string output = _host.PathOf("out.nt");
        Assert.Equal(0, _host.Run("convert", input, output));
        Assert.Equal("3 triples\n", _host.Error);
        Assert.Equal(
            "<http://example.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/C> .\n" +
            "<http://example.org/s> <http://example.org/p> \"x\" .\n" +
            "<http://example.org/s> <http://example.org/p> \"y\"@en .\n",
            File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_host.Directory, "*.tmp"));
    }

    [Fact]
    public void ConvertsNTriplesToTurtleKeepingNothingButTheData()
    {
        string input = _host.File("in.nt", """
            <http://example.org/s> <http://example.org/p> _:b .
            _:b <http://example.org/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
            """);
        Assert.Equal(0, _host.Run("convert", input, "-", "--to", "turtle"));
        Assert.Equal("<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 1 ] .\n", _host.Out);
        Assert.Equal("2 triples\n", _host.Error);
    }

    [Fact]
    public void ConvertKeepsTheSourcePrefixes()
    {
        string input = _host.File("in.ttl", Turtle);
        string output = _host.PathOf("out.ttl");
        Assert.Equal(0, _host.Run("convert", input, output));
        Assert.Equal("""
            @prefix ex: <http://example.org/> .

            ex:s a ex:C ;
                ex:p "x", "y"@en .

            """.ReplaceLineEndings("\n"), File.ReadAllText(output));
    }

    [Fact]
    public void ConvertLeavesNoFileWhenTheInputIsInvalid()
    {
        string input = _host.File("bad.ttl", "@prefix ex: <http://example.org/> .\nex:s ex:p ex:o .\nex:s ex:p \"unterminated .\n");
        string output = _host.PathOf("out.nt");
        string existing = _host.File("existing.nt", "<http://a/b> <http://a/c> <http://a/d> .\n");
        Assert.Equal(1, _host.Run("convert", input, output));
        Assert.False(File.Exists(output));
        Assert.Matches(@"bad\.ttl:3:\d+: ", _host.Error);
        Assert.Equal(1, _host.Run("convert", input, existing));
        Assert.Equal("<http://a/b> <http://a/c> <http://a/d> .\n", File.ReadAllText(existing));
        Assert.Empty(Directory.GetFiles(_host.Directory, "*.tmp"));
    }

    [Fact]
    public void ConvertRefusesNamedGraphsIntoNTriples()
    {
        string input = _host.File("in.nq", "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n");
        string output = _host.PathOf("out.nt");
        Assert.Equal(1, _host.Run("convert", input, output));
        Assert.Contains("N-Triples cannot hold named graphs", _host.Error);
        Assert.False(File.Exists(output));
        Assert.Equal(0, _host.Run("convert", input, _host.PathOf("out.trig")));
        Assert.Equal("<http://a/g> {\n    <http://a/s> <http://a/p> <http://a/o> .\n}\n", File.ReadAllText(_host.PathOf("out.trig")));
        Assert.Equal("1 quads\n", _host.Error);
    }

    [Fact]
    public void StatsCountsDistinctTerms()
    {
        string input = _host.File("in.ttl", Turtle);
        Assert.Equal(0, _host.Run("stats", input));
        Assert.Equal("triples: 3\nsubjects: 1\npredicates: 2\nobjects: 3\n", _host.Out);
    }

    [Fact]
    public void StatsCountsGraphsOfADataset()
    {
        string input = _host.File("in.nq", """
            <http://a/s> <http://a/p> <http://a/o> <http://a/g1> .
            <http://a/s> <http://a/p> <http://a/o> <http://a/g2> .
            <http://a/t> <http://a/p> "o" .
            """);
        Assert.Equal(0, _host.Run("stats", input));
        Assert.Equal("quads: 3\nsubjects: 2\npredicates: 1\nobjects: 2\ngraphs: 2\n", _host.Out);
    }

    [Fact]
    public void StatsOfTheExampleHubs()
    {
        string hubs = Path.Combine(CliTestHost.SharedRoot(), "tools", "examples", "hubs.ttl");
        Assert.Equal(0, _host.Run("stats", hubs));
        // Figures checked against Apache Jena's reading of the same file.
        Assert.Equal("triples: 23\nsubjects: 6\npredicates: 7\nobjects: 18\n", _host.Out);
    }

    [Fact]
    public void ValidateSyntaxAcceptsValidInput()
    {
        string input = _host.File("ok.ttl", Turtle);
        Assert.Equal(0, _host.Run("validate-syntax", input));
        Assert.Equal("valid: 3 statements\n", _host.Out);
    }

    [Fact]
    public void ValidateSyntaxReportsLineAndColumn()
    {
        string input = _host.File("bad.nt", "<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> .\n");
        Assert.Equal(1, _host.Run("validate-syntax", input));
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(input) + @":2:\d+: \S", _host.Error);
        Assert.Equal("", _host.Out);
    }

    [Fact]
    public void FormatOptionOverridesTheExtension()
    {
        string input = _host.File("data.txt", "<http://a/s> <http://a/p> <http://a/o> .\n");
        Assert.Equal(0, _host.Run("validate-syntax", input, "--format", "nt"));
        Assert.Equal("valid: 1 statements\n", _host.Out);
    }
}
