namespace DihNode.Rdf.Io;

/// <summary>
/// A writer that receives quads like any sink and produces a document. <see cref="Finish"/> writes
/// what is buffered (Turtle groups by subject) and flushes; disposing without it writes nothing more.
/// </summary>
public interface IRdfWriter : IQuadSink, IDisposable
{
    void Finish();
}
