namespace DihNode.Node.Registry;

/// <summary>A write the profile's rules refuse: names the field and the reason (the API answers 400 or 409 with it).</summary>
public sealed class RegistryRuleException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
