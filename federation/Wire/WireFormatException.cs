namespace DihNode.Federation.Wire;

/// <summary>A message that is well-formed protobuf but breaks the protocol's rules; <see cref="Field"/> names where.</summary>
public sealed class WireFormatException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
}
