namespace DihNode.Rdf.Sparql.Update;

/// <summary>
/// An update operation failed (SPARQL 1.1 Update §3: e.g. CREATE of an existing graph, DROP of a
/// missing one, a LOAD that is refused or does not parse) and had no SILENT. The whole request was
/// rolled back. <see cref="OperationIndex"/> is the 0-based position of the failing operation.
/// </summary>
public sealed class UpdateExecutionException : Exception
{
    public UpdateExecutionException(string message, int operationIndex, Exception? inner = null)
        : base($"operation {operationIndex + 1}: {message}", inner)
    {
        Problem = message;
        OperationIndex = operationIndex;
    }

    /// <summary>What went wrong, without the operation number.</summary>
    public string Problem { get; }

    public int OperationIndex { get; }
}

/// <summary>Thrown inside one operation; turned into a no-op by SILENT, else into <see cref="UpdateExecutionException"/>.</summary>
internal sealed class OperationFailure(string message, Exception? inner = null) : Exception(message, inner);
