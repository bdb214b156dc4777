using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Tests.Fuzz;

/// <summary>
/// Mutates protobuf messages two ways (seeded, so a failure is reproducible from its seed):
/// on the bytes (bit flips, truncation, overlong or huge varints, a length prefix made wrong, a field
/// repeated, a slice of another seed spliced in) and on the structure (a valid message with a field set
/// to a value the protocol forbids: a term position outside the table, a negative or huge count or
/// sequence, a term of the wrong kind, an invalid IRI or language tag, a timestamp out of range).
/// </summary>
internal sealed class ProtoMutator(int seed)
{
    private static readonly string[] s_strings =
    [
        "", " ", "relative", "http://a b/", "http://x/<>", "http://x/\"", "\0", "en us", "en-", "-en", "123", "toolongtag-x", "x-\u00e9",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "http://www.w3.org/2001/XMLSchema#integer", "not an iri", "_:b0", "\uD800",
        "?x", "x }", "} SELECT * {", "x\" . }", new string('a', 5000), "http://example.org/hub/1", "mailto:a@b", "urn:x",
    ];

    private static readonly long[] s_longs = [0, -1, 1, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 253402300800, -62135596801];
    private static readonly uint[] s_uints = [0, 1, 2, 3, uint.MaxValue, int.MaxValue, 1000, 1_000_000];

    private readonly Random _random = new(seed);

    /// <summary>A mutated form of <paramref name="seedMessage"/>: half byte-level, half structure-aware.</summary>
    public byte[] Mutate(IMessage seedMessage, IReadOnlyList<byte[]> allSeeds)
    {
        if (_random.Next(2) == 0) return MutateBytes(seedMessage.ToByteArray(), allSeeds);
        var message = seedMessage.Descriptor.Parser.ParseFrom(seedMessage.ToByteArray());
        int edits = _random.Next(1, 4);
        for (int i = 0; i < edits; i++) MutateField(message, 0);
        return message.ToByteArray();
    }

    public byte[] MutateBytes(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(input);
        int edits = _random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(9))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 2:
                    // An overlong varint (11 continuation bytes) or the largest 64-bit one.
                    data.InsertRange(at, _random.Next(2) == 0 ? Enumerable.Repeat((byte)0xFF, 11) : [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
                    break;
                case 3:
                case 4:
                    CorruptLength(data);
                    break;
                case 5:
                    DuplicateField(data);
                    break;
                case 6:
                    {
                        byte[] other = seeds[_random.Next(seeds.Count)];
                        if (other.Length == 0) break;
                        int start = _random.Next(other.Length);
                        data.InsertRange(Math.Min(at, data.Count), other.AsSpan(start, Math.Min(other.Length - start, _random.Next(1, 300))).ToArray());
                        break;
                    }
                case 7 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, _random.Next(1, 16)));
                    break;
                default:
                    data.Insert(Math.Min(at, data.Count), (byte)_random.Next(256));
                    break;
            }
        }
        return [.. data];
    }

    /// <summary>A field of the wire format: where its tag starts, where its length prefix (if any) and payload are.</summary>
    private readonly record struct WireField(int Start, int LengthAt, int PayloadAt, int End);

    /// <summary>The fields of <paramref name="data"/>[from, to), and of every nested payload that parses as a message.</summary>
    private static void Fields(List<byte> data, int from, int to, List<WireField> into, int depth)
    {
        int i = from;
        while (i < to)
        {
            int start = i;
            if (!ReadVarint(data, ref i, to, out ulong tag) || tag >> 3 == 0) return;
            switch ((int)(tag & 7))
            {
                case 0:
                    if (!ReadVarint(data, ref i, to, out _)) return;
                    into.Add(new WireField(start, -1, i, i));
                    break;
                case 1:
                    i += 8;
                    if (i > to) return;
                    into.Add(new WireField(start, -1, i, i));
                    break;
                case 5:
                    i += 4;
                    if (i > to) return;
                    into.Add(new WireField(start, -1, i, i));
                    break;
                case 2:
                    int lengthAt = i;
                    if (!ReadVarint(data, ref i, to, out ulong length) || length > (ulong)(to - i)) return;
                    int payload = i;
                    i += (int)length;
                    into.Add(new WireField(start, lengthAt, payload, i));
                    if (depth < 6) Fields(data, payload, i, into, depth + 1);
                    break;
                default:
                    return;
            }
        }
    }

    private static bool ReadVarint(List<byte> data, ref int i, int to, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && i < to; shift += 7)
        {
            byte b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private void CorruptLength(List<byte> data)
    {
        var fields = new List<WireField>();
        Fields(data, 0, data.Count, fields, 0);
        var delimited = fields.Where(f => f.LengthAt >= 0).ToList();
        if (delimited.Count == 0) return;
        var f = delimited[_random.Next(delimited.Count)];
        long length = f.End - f.PayloadAt;
        ulong wrong = _random.Next(5) switch
        {
            0 => (ulong)(length + _random.Next(1, 10)),
            1 => (ulong)Math.Max(0, length - _random.Next(1, 10)),
            2 => uint.MaxValue,
            3 => ulong.MaxValue,
            _ => (ulong)int.MaxValue,
        };
        data.RemoveRange(f.LengthAt, f.PayloadAt - f.LengthAt);
        data.InsertRange(f.LengthAt, Varint(wrong));
    }

    private void DuplicateField(List<byte> data)
    {
        var fields = new List<WireField>();
        Fields(data, 0, data.Count, fields, 0);
        if (fields.Count == 0) return;
        var f = fields[_random.Next(fields.Count)];
        // The copy goes right after the original, inside the same enclosing message; lengths of the
        // enclosing messages are not fixed up when nested, which is a length corruption of its own.
        data.InsertRange(f.End, data.GetRange(f.Start, f.End - f.Start));
    }

    /// <summary>Sets one field somewhere in <paramref name="message"/> to a value the protocol forbids (or just another one).</summary>
    private void MutateField(IMessage message, int depth)
    {
        var fields = message.Descriptor.Fields.InFieldNumberOrder();
        if (fields.Count == 0) return;
        var field = fields[_random.Next(fields.Count)];
        var accessor = field.Accessor;
        if (field.IsRepeated)
        {
            var list = (System.Collections.IList)accessor.GetValue(message);
            if (field.FieldType == FieldType.Message)
            {
                if (list.Count > 0 && depth < 6 && _random.Next(3) > 0)
                {
                    MutateField((IMessage)list[_random.Next(list.Count)]!, depth + 1);
                    return;
                }
                switch (_random.Next(3))
                {
                    case 0 when list.Count > 0: list.RemoveAt(_random.Next(list.Count)); break;
                    case 1 when list.Count > 0: list.Add(((IMessage)list[_random.Next(list.Count)]!).Descriptor.Parser.ParseFrom(((IMessage)list[_random.Next(list.Count)]!).ToByteArray())); break;
                    default: list.Add(New(field)); break;
                }
                return;
            }
            switch (_random.Next(4))
            {
                case 0 when list.Count > 0: list.RemoveAt(_random.Next(list.Count)); break;
                case 1 when list.Count > 0: list[_random.Next(list.Count)] = Scalar(field, list[0]); break;
                case 2 when list.Count > 0: list.Insert(_random.Next(list.Count), list[_random.Next(list.Count)]); break;
                default: list.Add(Scalar(field, list.Count > 0 ? list[0] : null)); break;
            }
            return;
        }
        if (field.FieldType == FieldType.Message)
        {
            var current = (IMessage?)accessor.GetValue(message);
            if (current is not null && depth < 6 && _random.Next(4) > 0) MutateField(current, depth + 1);
            else if (_random.Next(3) == 0) accessor.Clear(message);
            else accessor.SetValue(message, current is Timestamp ? BadTime() : New(field));
            return;
        }
        accessor.SetValue(message, Scalar(field, accessor.GetValue(message)));
    }

    private IMessage New(FieldDescriptor field)
    {
        var created = field.MessageType.Parser.ParseFrom(ByteString.Empty);
        if (created is P.Term term && _random.Next(4) > 0)
        {
            switch (_random.Next(4))
            {
                case 0: term.Iri = Pick(s_strings); break;
                case 1: term.Blank = Pick(s_strings); break;
                case 2: term.Literal = new P.Literal { Lexical = Pick(s_strings), Datatype = Pick(s_strings), Language = Pick(s_strings) }; break;
                default: term.Literal = new P.Literal { Lexical = "x", Language = Pick(s_strings) }; break;
            }
        }
        return created;
    }

    private Timestamp BadTime() => new() { Seconds = Pick(s_longs), Nanos = _random.Next(3) switch { 0 => -1, 1 => 1_000_000_000, _ => 0 } };

    private object Scalar(FieldDescriptor field, object? current) => field.FieldType switch
    {
        FieldType.String => Pick(s_strings),
        FieldType.Bool => current is bool b ? !b : true,
        FieldType.UInt32 => _random.Next(3) == 0 && current is uint u ? u + (uint)_random.Next(1, 4) : Pick(s_uints),
        FieldType.Int64 => _random.Next(3) == 0 && current is long l ? l - _random.Next(1, 4) : Pick(s_longs),
        FieldType.Int32 => (int)Pick(s_longs),
        FieldType.Bytes => ByteString.CopyFromUtf8(Pick(s_strings)),
        _ => current ?? throw new InvalidOperationException("no value for " + field.FullName),
    };

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
