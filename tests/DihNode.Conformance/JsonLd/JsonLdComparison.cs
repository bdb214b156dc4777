using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// JSON-LD object comparison as the test suite's README defines it: objects member by member,
/// arrays without regard to order except the values of <c>@list</c>, scalars by strict equality
/// (numbers by value), <c>@language</c> case-insensitively. Blank node identifiers ("_:…", as
/// strings or keys) match when one consistent one-to-one relabelling makes the documents equal,
/// since parsers and flattening choose their own labels.
/// </summary>
internal static class JsonLdComparison
{
    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else a short description.</summary>
    public static string? Difference(JsonNode? expected, JsonNode? actual)
    {
        if (Match(expected, actual, new Labels(), null, out _)) return null;
        return "expected " + Show(expected) + "\n  actual   " + Show(actual);
    }

    public static bool AreEqual(JsonNode? expected, JsonNode? actual) => Match(expected, actual, new Labels(), null, out _);

    private static string Show(JsonNode? node)
    {
        string text = node?.ToJsonString() ?? "null";
        return text.Length <= 1500 ? text : text[..1500] + "...";
    }

    /// <summary>A one-to-one mapping of blank node labels, copied on each trial of backtracking.</summary>
    private sealed class Labels
    {
        private readonly Dictionary<string, string> _forward;
        private readonly Dictionary<string, string> _backward;

        public Labels() : this(new(StringComparer.Ordinal), new(StringComparer.Ordinal)) { }

        private Labels(Dictionary<string, string> forward, Dictionary<string, string> backward)
        {
            _forward = forward;
            _backward = backward;
        }

        public Labels Copy() => new(new(_forward, StringComparer.Ordinal), new(_backward, StringComparer.Ordinal));

        public bool TryBind(string expected, string actual)
        {
            bool eb = expected.StartsWith("_:", StringComparison.Ordinal), ab = actual.StartsWith("_:", StringComparison.Ordinal);
            if (!eb || !ab) return string.Equals(expected, actual, StringComparison.Ordinal);
            if (_forward.TryGetValue(expected, out var a)) return a == actual;
            if (_backward.ContainsKey(actual)) return false;
            _forward[expected] = actual;
            _backward[actual] = expected;
            return true;
        }
    }

    private static bool Match(JsonNode? e, JsonNode? a, Labels labels, string? key, out Labels result)
    {
        result = labels;
        switch (e)
        {
            case null:
                return a is null;
            case JsonObject eo:
                return a is JsonObject ao && MatchObjects(eo, ao, labels, out result);
            case JsonArray ea:
                if (a is not JsonArray aa || aa.Count != ea.Count) return false;
                return key == "@list" ? MatchOrdered(ea, aa, labels, out result) : MatchUnordered(ea, aa, 0, new bool[aa.Count], labels, out result);
            case JsonValue ev:
                if (a is not JsonValue av) return false;
                var kind = ev.GetValueKind();
                if (kind != av.GetValueKind()) return false;
                switch (kind)
                {
                    case JsonValueKind.String:
                        string es = ev.GetValue<string>(), @as = av.GetValue<string>();
                        if (key == "@language") return string.Equals(es, @as, StringComparison.OrdinalIgnoreCase);
                        var copy = labels.Copy();
                        if (!copy.TryBind(es, @as)) return false;
                        result = copy;
                        return true;
                    case JsonValueKind.Number:
                        return double.Parse(ev.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(av.ToJsonString(), CultureInfo.InvariantCulture);
                    default:
                        return true;
                }
            default:
                return false;
        }
    }

    private static bool MatchOrdered(JsonArray e, JsonArray a, Labels labels, out Labels result)
    {
        result = labels;
        for (int i = 0; i < e.Count; i++)
            if (!Match(e[i], a[i], result, null, out result)) return false;
        return true;
    }

    private static bool MatchUnordered(JsonArray e, JsonArray a, int index, bool[] used, Labels labels, out Labels result)
    {
        result = labels;
        if (index == e.Count) return true;
        for (int j = 0; j < a.Count; j++)
        {
            if (used[j]) continue;
            if (!Match(e[index], a[j], labels, null, out var bound)) continue;
            used[j] = true;
            if (MatchUnordered(e, a, index + 1, used, bound, out result)) return true;
            used[j] = false;
        }
        return false;
    }

    private static bool MatchObjects(JsonObject e, JsonObject a, Labels labels, out Labels result)
    {
        result = labels;
        if (e.Count != a.Count) return false;
        var blankKeys = new List<string>();
        foreach (var (k, ev) in e)
        {
            if (k.StartsWith("_:", StringComparison.Ordinal))
            {
                blankKeys.Add(k);
                continue;
            }
            if (!a.TryGetPropertyValue(k, out var av)) return false;
            if (!Match(ev, av, result, k, out result)) return false;
        }
        if (blankKeys.Count == 0) return true;
        var actualBlank = a.Select(p => p.Key).Where(k => k.StartsWith("_:", StringComparison.Ordinal)).ToList();
        if (actualBlank.Count != blankKeys.Count) return false;
        return MatchBlankKeys(e, a, blankKeys, actualBlank, 0, new bool[actualBlank.Count], result, out result);
    }

    private static bool MatchBlankKeys(JsonObject e, JsonObject a, List<string> eKeys, List<string> aKeys, int index, bool[] used, Labels labels, out Labels result)
    {
        result = labels;
        if (index == eKeys.Count) return true;
        for (int j = 0; j < aKeys.Count; j++)
        {
            if (used[j]) continue;
            var trial = labels.Copy();
            if (!trial.TryBind(eKeys[index], aKeys[j])) continue;
            if (!Match(e[eKeys[index]], a[aKeys[j]], trial, eKeys[index], out var bound)) continue;
            used[j] = true;
            if (MatchBlankKeys(e, a, eKeys, aKeys, index + 1, used, bound, out result)) return true;
            used[j] = false;
        }
        return false;
    }
}
