using DihNode.Conformance.Manifests;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Conformance.Running;

/// <summary>
/// mf:QueryEvaluationTest and mf:CSVResultFormatTest: run the query over the test's dataset and
/// compare with mf:result. Result tables are compared as multisets of solutions with blank nodes
/// up to a consistent renaming, decimals and floating-point numbers by value (see <see cref="NumericValues"/>),
/// and in order when the query has ORDER BY (rows that tie on the sort
/// keys may come in any order); mf:LaxCardinality (REDUCED) accepts any number of duplicates between
/// none and as many as expected. Graphs (CONSTRUCT) are compared by isomorphism.
/// </summary>
internal static class SparqlEvaluationTests
{
    public static TestOutcome QueryEvaluation(TestEntry test)
    {
        if (SparqlServiceTests.Applies(test)) return SparqlServiceTests.Run(test);
        if (Prepare(test, out var run) is { } failure) return failure;
        return Compare(test, run.Query, run.Expected, run.Actual);
    }

    /// <summary>
    /// The CSV results test (SPARQL 1.1 Query Results CSV and TSV Formats §2): our CSV for the answer
    /// must have the expected header and the same rows as the expected .csv. CSV loses term types,
    /// so values compare as strings; row order is free (the queries have no ORDER BY).
    /// </summary>
    public static TestOutcome CsvResultFormat(TestEntry test)
    {
        if (Prepare(test, out var run) is { } failure) return failure;
        var (expected, actual) = (run.Expected, run.Actual);
        if (expected.Solutions is not { IsBoolean: false } expectedTable) return TestOutcome.Fail($"{expected.FileName} is not a result table");
        if (actual.Solutions is not { IsBoolean: false } actualTable) return TestOutcome.Fail($"expected a result table, the query gave {Describe(actual)}");

        string ours = SparqlResultWriter.WriteToString(actualTable, SparqlResultFormat.Csv);
        string path = test.Manifest.Locator.PathOf(((Iri)test.Result!).Value);
        string expectedHeader = FirstLine(File.ReadAllText(path));
        if (FirstLine(ours) != expectedHeader)
            return TestOutcome.Fail($"CSV header differs: expected \"{expectedHeader}\", ours \"{FirstLine(ours)}\"");
        SparqlResult reread;
        try
        {
            reread = SparqlResultReader.ReadString(ours, SparqlResultFormat.Csv, "our CSV");
        }
        catch (SparqlResultsSyntaxException e)
        {
            return TestOutcome.Fail($"our CSV output does not read back: {e.Message}\n{ours}");
        }
        var comparison = ResultSetComparer.Compare(expectedTable, reread, ResultComparisonOptions.CsvValuesOnly);
        return comparison.AreEqual
            ? TestOutcome.Pass
            : TestOutcome.Fail($"our CSV does not match {expected.FileName}: {comparison.Difference}\nours:\n{ours}");
    }

    internal readonly record struct Run(Query Query, ExpectedAnswer Expected, QueryAnswer Actual);

    /// <summary>Reads the inputs and evaluates; the failure when a step failed, else null and the run.</summary>
    internal static TestOutcome? Prepare(TestEntry test, out Run run, IServiceHandler? services = null)
    {
        run = default;
        Query query;
        try
        {
            query = SparqlTestInputs.ParseQuery(test);
        }
        catch (SparqlSyntaxException e)
        {
            return TestOutcome.Fail($"parser: query rejected: {e.Message}");
        }
        ExpectedAnswer expected;
        MemoryDataset dataset;
        try
        {
            expected = SparqlTestInputs.ReadExpected(test);
            dataset = SparqlTestInputs.LoadDataset(test, query);
        }
        catch (TestInputException e)
        {
            return TestOutcome.Fail(e.Message);
        }
        QueryAnswer actual;
        try
        {
            actual = SparqlEngine.Evaluate(query, dataset, SparqlTestInputs.QueryFile(test).Iri, services);
        }
        catch (QueryEvaluationException e)
        {
            return TestOutcome.Fail($"evaluator: {e.GetType().Name}: {e.Message}");
        }
        run = new Run(query, expected, actual);
        return null;
    }

    /// <summary>Compares an answer with the expected one as <see cref="QueryEvaluation"/> does.</summary>
    internal static TestOutcome Compare(TestEntry test, Query query, ExpectedAnswer expected, QueryAnswer actual)
    {
        if (expected.Graph is { } expectedGraph)
        {
            if (actual.Graph is not { } actualGraph) return TestOutcome.Fail($"expected a graph ({expected.FileName}), the query gave {Describe(actual)}");
            string? difference = Isomorphism.DescribeDifference(expectedGraph, actualGraph);
            return difference is null ? TestOutcome.Pass : TestOutcome.Fail($"graph differs from {expected.FileName}: {difference}");
        }

        var expectedResult = expected.Solutions!;
        if (actual.Solutions is not { } actualResult)
            return TestOutcome.Fail($"expected {(expectedResult.IsBoolean ? "a boolean" : "a result table")} ({expected.FileName}), the query gave a graph");

        (expectedResult, actualResult) = (NumericValues.ByValue(expectedResult), NumericValues.ByValue(actualResult));

        ResultComparison comparison;
        if (IsLaxCardinality(test))
            comparison = CompareLax(expectedResult, actualResult);
        else if (query.OrderBy.Count > 0 && !expectedResult.IsBoolean)
            comparison = CompareOrdered(query, expectedResult, actualResult);
        else
            comparison = ResultSetComparer.Compare(expectedResult, actualResult);
        return comparison.AreEqual
            ? TestOutcome.Pass
            : TestOutcome.Fail($"result differs from {expected.FileName}: {comparison.Difference}\n{Excerpt("expected", expectedResult)}\n{Excerpt("actual", actualResult)}");
    }

    /// <summary>
    /// In order on the ORDER BY keys when every variable the keys mention is in both results (ties
    /// may come in any order); otherwise row by row.
    /// </summary>
    private static ResultComparison CompareOrdered(Query query, SparqlResult expected, SparqlResult actual)
    {
        var keys = new List<string>();
        foreach (var condition in query.OrderBy) CollectVariables(condition.Expression, keys);
        if (keys.Count > 0 && keys.All(k => expected.Variables.Contains(k) && actual.Variables.Contains(k)))
            return ResultSetComparer.CompareOrderedBy(expected, actual, keys);
        return ResultSetComparer.Compare(expected, actual, ResultComparisonOptions.Ordered);
    }

    /// <summary>mf:LaxCardinality: same distinct solutions, and no more rows than expected.</summary>
    private static ResultComparison CompareLax(SparqlResult expected, SparqlResult actual)
    {
        if (expected.IsBoolean || actual.IsBoolean) return ResultSetComparer.Compare(expected, actual);
        var distinctExpected = Distinct(expected);
        var distinctActual = Distinct(actual);
        var comparison = ResultSetComparer.Compare(distinctExpected, distinctActual);
        if (!comparison.AreEqual) return comparison;
        if (actual.Rows.Count > expected.Rows.Count || actual.Rows.Count < distinctExpected.Rows.Count)
            return ResultComparison.Different(
                $"{actual.Rows.Count} rows, expected between {distinctExpected.Rows.Count} and {expected.Rows.Count} (lax cardinality)");
        return ResultComparison.Equal;
    }

    private static SparqlResult Distinct(SparqlResult result)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = result.Rows.Where(r => seen.Add(string.Join('\u0001', r.Select(t => t?.ToString() ?? "")))).ToList();
        return SparqlResult.FromTable(result.Variables, rows);
    }

    private static bool IsLaxCardinality(TestEntry test) =>
        Mf.LaxCardinality.Equals(test.Manifest.Graph.Object(test.Node, Mf.ResultCardinality));

    private static void CollectVariables(Expression expression, List<string> into)
    {
        switch (expression)
        {
            case VariableExpression v:
                if (!into.Contains(v.Variable.Name)) into.Add(v.Variable.Name);
                break;
            case OperatorExpression o:
                foreach (var a in o.Arguments) CollectVariables(a, into);
                break;
            case BuiltInCall b:
                foreach (var a in b.Arguments) CollectVariables(a, into);
                break;
            case FunctionCall f:
                foreach (var a in f.Arguments) CollectVariables(a, into);
                break;
            case InExpression i:
                CollectVariables(i.Operand, into);
                foreach (var a in i.List) CollectVariables(a, into);
                break;
            case AggregateExpression { Argument: { } argument }:
                CollectVariables(argument, into);
                break;
        }
    }

    private static string Describe(QueryAnswer answer) =>
        answer.Graph is not null ? "a graph" : answer.Solutions!.IsBoolean ? "a boolean" : "a result table";

    /// <summary>The first rows of a result, for the failure report (shown with --verbose).</summary>
    private static string Excerpt(string label, SparqlResult result)
    {
        const int MaxLines = 12;
        var lines = result.ToString().TrimEnd('\n').Split('\n');
        string text = string.Join("\n  ", lines.Take(MaxLines));
        return $"{label}:\n  {text}" + (lines.Length > MaxLines ? $"\n  ... ({lines.Length - 1} rows)" : "");
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
