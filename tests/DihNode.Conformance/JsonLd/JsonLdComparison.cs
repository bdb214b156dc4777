using System.Text.Json;
using System.Text.Json.Nodes;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// JSON-LD object comparison as the test suite's README describes it: objects member by member,
/// arrays without regard to order except the values of @list, scalars by strict equality (numbers by
/// value), language tags without regard to case.
/// </summary>
internal static class JsonLdComparison
{
    public static bool Equal(JsonNode? expected, JsonNode? actual, string? key = null)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject e:
                if (actual is not JsonObject a || a.Count != e.Count) return false;
                foreach (var (k, v) in e)
                    if (!a.TryGetPropertyValue(k, out var av) || !Equal(v, av, k)) return false;
                return true;
            case JsonArray e:
                if (actual is not JsonArray aa || aa.Count != e.Count) return false;
                if (key == "@list")
                {
                    for (int i = 0; i < e.Count; i++)
                        if (!Equal(e[i], aa[i])) return false;
                    return true;
                }
                var used = new bool[aa.Count];
                foreach (var item in e)
                {
                    int match = -1;
                    for (int i = 0; i < aa.Count && match < 0; i++)
                        if (!used[i] && Equal(item, aa[i], key)) match = i;
                    if (match < 0) return false;
                    used[match] = true;
                }
                return true;
            case JsonValue e:
                if (actual is not JsonValue av2) return false;
                var kind = e.GetValueKind();
                if (kind != av2.GetValueKind()) return false;
                return kind switch
                {
                    JsonValueKind.Number => e.GetValue<double>() == av2.GetValue<double>(),
                    JsonValueKind.String when key == "@language" =>
                        string.Equals(e.GetValue<string>(), av2.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
                    JsonValueKind.String => e.GetValue<string>() == av2.GetValue<string>(),
                    _ => true,
                };
            default:
                return false;
        }
    }
}
