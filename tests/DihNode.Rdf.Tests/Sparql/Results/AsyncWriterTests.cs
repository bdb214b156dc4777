using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class AsyncWriterTests
{
    /// <summary>A write-only stream that refuses synchronous I/O, as ASP.NET Core's response body does by default.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _data = new();

        public int AsyncWrites { get; private set; }

        public byte[] ToArray() => _data.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _data.Length;
        public override long Position { get => _data.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("synchronous write");

        public override void Flush() => throw new InvalidOperationException("synchronous flush");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            _data.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static async IAsyncEnumerable<Term?[]> Rows(int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return [Iri.Create("http://example.org/item/" + i), i % 3 == 0 ? null : Literal.LangString("välue " + i, "de"),
                new BlankNode("b" + (i % 7))];
        }
    }

    [Theory]
    [InlineData(SparqlResultFormat.Json)]
    [InlineData(SparqlResultFormat.Xml)]
    [InlineData(SparqlResultFormat.Csv)]
    [InlineData(SparqlResultFormat.Tsv)]
    public async Task WriteAsyncStreamsWithoutSynchronousIo(SparqlResultFormat format)
    {
        var stream = new AsyncOnlyStream();
        await SparqlResultWriter.WriteAsync(stream, format, ["s", "label", "b"], Rows(3000));
        Assert.True(stream.AsyncWrites > 3, $"{stream.AsyncWrites} writes");
        SparqlResult back = SparqlResultReader.ReadString(Encoding.UTF8.GetString(stream.ToArray()), format);
        Assert.Equal(3000, back.Rows.Count);
        var expected = new List<Term?[]>();
        await foreach (Term?[] row in Rows(3000)) expected.Add(row);
        ResultComparisonOptions options = ResultComparisonOptions.Ordered
            | (format == SparqlResultFormat.Csv ? ResultComparisonOptions.CsvValuesOnly : 0);
        ResultComparison c = ResultSetComparer.Compare(SparqlResult.FromTable(["s", "label", "b"], expected), back, options);
        Assert.True(c.AreEqual, c.Difference);
    }

    [Fact]
    public async Task WriteBooleanAsyncAvoidsSynchronousIo()
    {
        var stream = new AsyncOnlyStream();
        await SparqlResultWriter.WriteBooleanAsync(stream, SparqlResultFormat.Xml, true);
        Assert.True(SparqlResultReader.ReadString(Encoding.UTF8.GetString(stream.ToArray()), SparqlResultFormat.Xml).Boolean);
    }

    [Fact]
    public void BufferWriterTargetSeesRowsAfterFlush()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using ISolutionWriter writer = SparqlResultWriter.Create(buffer, SparqlResultFormat.Json);
        writer.Begin(["x"]);
        writer.WriteRow([Literal.Simple("a")]);
        writer.Flush();
        string partial = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Contains("\"value\": \"a\"", partial);
        Assert.DoesNotContain("]", partial.Split("\"vars\"")[1].Split("\"bindings\"")[1]);
        writer.End();
        Assert.Single(SparqlResultReader.ReadString(Encoding.UTF8.GetString(buffer.WrittenSpan), SparqlResultFormat.Json).Rows);
    }
}
