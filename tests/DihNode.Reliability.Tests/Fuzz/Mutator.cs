using System.Text;

namespace DihNode.Reliability.Tests.Fuzz;

/// <summary>
/// A small structure-aware mutator: takes a valid or invalid document from the W3C suites and applies
/// 1 to 4 edits (flip a byte, insert a token the grammars care about, delete, duplicate, truncate,
/// splice another seed, repeat a short slice many times to build deep nesting). Seeded, so a failure
/// is reproducible from its seed.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[][] s_tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", "(", ")", "<", ">", "\"", "'", "\"\"\"", "'''", "\\", "\\u", "\\U0010FFFF", "\\uD800", "@", "^^", ":", "_:", ".", ";", ",",
            "#", "\n", "\r", "\0", "@prefix", "PREFIX", "@base", "<#>", "<>", "<http://a/b#c>", "\"x\"@en", "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<!DOCTYPE x [<!ENTITY a 'b'>]>", "]]>", "<![CDATA[", "&amp;", "&#0;", "&#x110000;", "rdf:parseType=\"Collection\"", "rdf:li", "xml:lang=\"\"",
            "\"@context\"", "\"@graph\"", "\"@list\"", "\"@id\"", "\"@type\"", "\"@value\"", "\"@reverse\"", "\"@nest\"", "{\"@vocab\": \"\"}", "null", "true", "[]", "{}",
            "SELECT", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "SERVICE", "GRAPH", "VALUES", "BIND", "GROUP BY", "ORDER BY", "LIMIT", "*", "+", "?", "|", "^", "/", "!",
            "?x", "$y", "COUNT(", "EXISTS {", "DELETE", "INSERT", "LOAD", "CLEAR ALL", "99999999999999999999", "1e999", "-0", "NaN", "\"\"", "[[[[[[[[", "{{{{{{{{", "((((((((",
            "<head>", "<results>", "<result>", "<binding name=\"x\">", "<literal>", "\"head\"", "\"vars\"", "\"bindings\"", "\"boolean\"", "\t", ",\"", "\"\"\"\"",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3], [0xED, 0xA0, 0x80], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80],
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(input);
        int edits = _random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
            switch (_random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[Math.Min(at, data.Count - 1)] = (byte)_random.Next(256);
                    break;
                case 1:
                case 2:
                    data.InsertRange(at, s_tokens[_random.Next(s_tokens.Length)]);
                    break;
                case 3 when data.Count > 0:
                    {
                        int start = Math.Min(at, data.Count - 1);
                        data.RemoveRange(start, Math.Min(data.Count - start, _random.Next(1, 32)));
                        break;
                    }
                case 4 when data.Count > 0:
                    {
                        int start = Math.Min(at, data.Count - 1);
                        var slice = data.GetRange(start, Math.Min(data.Count - start, _random.Next(1, 64)));
                        data.InsertRange(_random.Next(data.Count + 1), slice);
                        break;
                    }
                case 5:
                    if (data.Count > 0) data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                    break;
                case 6:
                    {
                        byte[] other = seeds[_random.Next(seeds.Count)];
                        if (other.Length == 0) break;
                        int start = _random.Next(other.Length);
                        data.InsertRange(at, other.AsSpan(start, Math.Min(other.Length - start, _random.Next(1, 200))).ToArray());
                        break;
                    }
                default:
                    {
                        // Deep nesting and long runs: a short slice (or an opening token) repeated many times.
                        byte[] unit = data.Count > 0 && _random.Next(2) == 0
                            ? data.GetRange(Math.Min(at, data.Count - 1), Math.Min(data.Count - Math.Min(at, data.Count - 1), _random.Next(1, 5))).ToArray()
                            : s_tokens[_random.Next(6)];
                        int times = _random.Next(50, 400);
                        var run = new List<byte>(unit.Length * times);
                        for (int i = 0; i < times; i++) run.AddRange(unit);
                        data.InsertRange(at, run);
                        break;
                    }
            }
        }
        return [.. data];
    }
}
