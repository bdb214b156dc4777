using System.Text;
using DihNode.Federation.Wire;
using DihNode.Rdf.Model;
using Grpc.Core;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Serving;

/// <summary>
/// A Query call's bindings (bound joins) as the VALUES clause appended to its query (Query §10.2.2: a
/// trailing VALUES joins with the query's solutions).
/// </summary>
internal static class QueryBindings
{
    public static string ToValuesClause(P.QueryRequest request)
    {
        int width = request.BindingVariables.Count;
        if (width == 0)
        {
            if (request.BindingCells.Count > 0) throw Invalid("binding_cells given without binding_variables");
            return "";
        }
        if (request.BindingCells.Count % width != 0) throw Invalid($"binding_cells: {request.BindingCells.Count} cells is not a whole number of rows of {width}");
        Term[] terms;
        try
        {
            terms = TermCodec.Decode(request.BindingTerms, "binding_terms");
        }
        catch (WireFormatException e)
        {
            throw Invalid(e.Message);
        }
        var sb = new StringBuilder("\nVALUES (");
        foreach (string v in request.BindingVariables)
        {
            if (v.Length == 0 || !v.All(ch => char.IsLetterOrDigit(ch) || ch == '_')) throw Invalid($"binding_variables: '{v}' is not a variable name");
            sb.Append(" ?").Append(v);
        }
        sb.Append(" ) {");
        for (int i = 0; i < request.BindingCells.Count; i++)
        {
            if (i % width == 0) sb.Append("\n (");
            uint cell = request.BindingCells[i];
            if (cell == 0) sb.Append(" UNDEF");
            else if (cell > terms.Length) throw Invalid($"binding_cells[{i}]: {cell} is outside binding_terms");
            else if (terms[cell - 1] is BlankNode) throw Invalid($"binding_cells[{i}]: a blank node cannot be bound");
            else sb.Append(' ').Append(terms[cell - 1]);
            if (i % width == width - 1) sb.Append(" )");
        }
        return sb.Append("\n}").ToString();
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
