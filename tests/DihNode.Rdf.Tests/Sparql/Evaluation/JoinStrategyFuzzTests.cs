using System.Text;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>
/// Random queries over a random graph, evaluated twice: as planned (the left row substituted into
/// the right side wherever the analysis allows it, filters tested early) and unoptimised (every join
/// by hash, filters where written) or with some shortcuts only. The results must agree.
/// </summary>
public class JoinStrategyFuzzTests
{
    private static readonly string[] Variables = ["?a", "?b", "?c", "?d"];

    internal sealed class Generator(Random random)
    {
        private int _binds;

        private string Term(bool predicate = false)
        {
            if (predicate) return random.Next(5) == 0 ? Variables[random.Next(Variables.Length)] : (random.Next(2) == 0 ? ":p" : ":q");
            return random.Next(3) switch
            {
                0 => ":n" + random.Next(4),
                1 when random.Next(2) == 0 => random.Next(1, 4).ToString(),
                _ => Variables[random.Next(Variables.Length)],
            };
        }

        private string Expression() => random.Next(6) switch
        {
            0 => $"BOUND({Variables[random.Next(4)]})",
            1 => $"!BOUND({Variables[random.Next(4)]})",
            2 => $"{Variables[random.Next(4)]} = {Variables[random.Next(4)]}",
            3 => $"{Variables[random.Next(4)]} != :n{random.Next(4)}",
            4 => $"{Variables[random.Next(4)]} = :n{random.Next(4)}",
            _ => $"{Variables[random.Next(4)]} > 1",
        };

        public string Group(int depth)
        {
            var sb = new StringBuilder("{ ");
            int n = 1 + random.Next(3);
            for (int i = 0; i < n; i++)
            {
                int kind = depth <= 0 ? 0 : random.Next(12);
                switch (kind)
                {
                    case 1: sb.Append("OPTIONAL ").Append(Group(depth - 1)); break;
                    case 2: sb.Append(Group(depth - 1)).Append(" UNION ").Append(Group(depth - 1)); break;
                    case 3: sb.Append("MINUS ").Append(Group(depth - 1)); break;
                    case 4: sb.Append("FILTER(").Append(Expression()).Append(')'); break;
                    case 5: sb.Append(Group(depth - 1)); break;
                    case 6: sb.Append("FILTER EXISTS ").Append(Group(depth - 1)); break;
                    case 7: sb.Append($"BIND({Variables[random.Next(4)]} AS ?e{_binds++})"); break;
                    case 8: sb.Append("GRAPH ?g ").Append(Group(depth - 1)); break;
                    case 9: sb.Append($"VALUES ({Variables[random.Next(2)]} {Variables[2 + random.Next(2)]}) {{ (:n{random.Next(4)} UNDEF) (UNDEF {random.Next(1, 4)}) (:n1 :n2) }}"); break;
                    case 10: sb.Append($"{{ SELECT {Variables[random.Next(4)]} {Variables[random.Next(4)]} WHERE ").Append(Group(depth - 1)).Append(" }"); break;
                    case 11: sb.Append($"{Term()} {(random.Next(3) switch { 0 => ":p+", 1 => "(:p|^:q)*", _ => ":q?/:p" })} {Term()} ."); break;
                    default: sb.Append($"{Term()} {Term(predicate: true)} {Term()} ."); break;
                }
                sb.Append(' ');
            }
            return sb.Append('}').ToString();
        }
    }

    internal static string Data(Random random)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 25; i++)
        {
            string o = random.Next(3) == 0 ? random.Next(1, 4).ToString() : ":n" + random.Next(4);
            string triple = $":n{random.Next(4)} {(random.Next(2) == 0 ? ":p" : ":q")} {o} .";
            sb.Append(random.Next(4) == 0 ? $":g{random.Next(2)} {{ {triple} }}\n" : triple + "\n");
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(EvaluationShortcuts.None)]
    [InlineData(EvaluationShortcuts.SubstitutingJoins)]
    [InlineData(EvaluationShortcuts.All & ~EvaluationShortcuts.SubstitutingJoins)]
    internal void Shortcuts_do_not_change_results_of_random_queries(EvaluationShortcuts shortcuts)
    {
        var random = new Random(20261125);
        int compared = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            var dataset = Load(Data(random));
            // Every fourth query is a top-n over all projected variables, so ties are identical rows.
            string text = trial % 4 == 0
                ? QueryPrefixes + "SELECT ?a ?b ?c ?d ?g WHERE " + new Generator(random).Group(3) + " ORDER BY ?a DESC(?b) ?c ?d ?g LIMIT 3 OFFSET 1"
                : QueryPrefixes + "SELECT * WHERE " + new Generator(random).Group(3);
            Query query;
            try { query = SparqlParser.ParseQuery(text); }
            catch (SparqlSyntaxException) { continue; }
            var substituting = Format((SelectResult)QueryEvaluator.Execute(query, dataset)).Order(StringComparer.Ordinal).ToList();
            var hashed = Format((SelectResult)QueryEvaluator.Execute(query, dataset, new QueryOptions { Shortcuts = shortcuts }))
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(substituting.SequenceEqual(hashed), $"{text}\nsubstituting: {string.Join(" | ", substituting)}\nhash: {string.Join(" | ", hashed)}");
            compared++;
        }
        Assert.True(compared > 1000, $"only {compared} queries parsed");
    }
}
