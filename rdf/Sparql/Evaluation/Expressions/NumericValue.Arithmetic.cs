using System.Numerics;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

internal readonly partial struct NumericValue
{
    /// <summary>The four binary operators of XPath F&amp;O §6.2 (op:numeric-add and friends).</summary>
    public enum Operation : byte { Add, Subtract, Multiply, Divide }

    /// <summary>
    /// Applies an arithmetic operator after promoting both operands to the wider type
    /// (integer &lt; decimal &lt; float &lt; double). Integer division yields a decimal; division
    /// by zero is an error for integers and decimals and gives INF/NaN for float and double.
    /// The operands are taken by value so that <paramref name="result"/> may alias one of them.
    /// </summary>
    public static bool TryApply(Operation op, NumericValue a, NumericValue b, out NumericValue result)
    {
        result = default;
        var kind = (NumericKind)Math.Max((int)a.Kind, (int)b.Kind);
        if (kind == NumericKind.Integer && op == Operation.Divide) kind = NumericKind.Decimal;
        switch (kind)
        {
            case NumericKind.Integer:
                if (!a._big.HasValue && !b._big.HasValue)
                {
                    long x = a._long, y = b._long, r;
                    bool ok = op switch
                    {
                        Operation.Add => !OverflowAdd(x, y, out r),
                        Operation.Subtract => !OverflowSub(x, y, out r),
                        _ => !OverflowMul(x, y, out r),
                    };
                    if (ok) { result = FromInteger(r); return true; }
                }
                BigInteger bx = a.AsBigInteger, by = b.AsBigInteger;
                result = FromInteger(op switch
                {
                    Operation.Add => bx + by,
                    Operation.Subtract => bx - by,
                    _ => bx * by,
                });
                return true;
            case NumericKind.Decimal:
                if (!a.TryGetDecimal(out decimal dx) || !b.TryGetDecimal(out decimal dy)) return false;
                if (op == Operation.Divide && dy == 0) return false;
                try
                {
                    result = FromDecimal(op switch
                    {
                        Operation.Add => dx + dy,
                        Operation.Subtract => dx - dy,
                        Operation.Multiply => dx * dy,
                        _ => dx / dy,
                    });
                    return true;
                }
                catch (OverflowException)
                {
                    return false;
                }
            default:
                double fx = a.AsDouble, fy = b.AsDouble;
                double fr = op switch
                {
                    Operation.Add => fx + fy,
                    Operation.Subtract => fx - fy,
                    Operation.Multiply => fx * fy,
                    _ => fx / fy,
                };
                result = kind == NumericKind.Float ? FromFloat(fr) : FromDouble(fr);
                return true;
        }
    }

    private static bool OverflowAdd(long x, long y, out long r)
    {
        r = unchecked(x + y);
        return ((x ^ r) & (y ^ r)) < 0;
    }

    private static bool OverflowSub(long x, long y, out long r)
    {
        r = unchecked(x - y);
        return ((x ^ y) & (x ^ r)) < 0;
    }

    private static bool OverflowMul(long x, long y, out long r)
    {
        long high = Math.BigMul(x, y, out long low);
        r = low;
        return (high != 0 || low < 0) && (high != -1 || low >= 0);
    }

    /// <summary>Unary minus (op:numeric-unary-minus).</summary>
    public NumericValue Negate() => Kind switch
    {
        NumericKind.Integer => !_big.HasValue && _long != long.MinValue ? FromInteger(-_long) : FromInteger(-AsBigInteger),
        NumericKind.Decimal => FromDecimal(-_decimal),
        NumericKind.Float => FromFloat(-_double),
        _ => FromDouble(-_double),
    };

    /// <summary>fn:abs, keeping the primitive type.</summary>
    public NumericValue Abs() => Sign() < 0 || (Kind >= NumericKind.Float && double.IsNegative(_double)) ? Negate() : this;

    /// <summary>fn:ceiling.</summary>
    public NumericValue Ceiling() => Kind switch
    {
        NumericKind.Integer => this,
        NumericKind.Decimal => FromDecimal(decimal.Ceiling(_decimal)),
        NumericKind.Float => FromFloat(Math.Ceiling(_double)),
        _ => FromDouble(Math.Ceiling(_double)),
    };

    /// <summary>fn:floor.</summary>
    public NumericValue Floor() => Kind switch
    {
        NumericKind.Integer => this,
        NumericKind.Decimal => FromDecimal(decimal.Floor(_decimal)),
        NumericKind.Float => FromFloat(Math.Floor(_double)),
        _ => FromDouble(Math.Floor(_double)),
    };

    /// <summary>fn:round: the nearest integral value, halves rounded towards positive infinity.</summary>
    public NumericValue Round()
    {
        switch (Kind)
        {
            case NumericKind.Integer:
                return this;
            case NumericKind.Decimal:
                decimal fd = decimal.Floor(_decimal);
                return FromDecimal(_decimal - fd >= 0.5m ? fd + 1 : fd);
            default:
                if (!double.IsFinite(_double)) return this;
                double f = Math.Floor(_double);
                double r = _double - f >= 0.5 ? f + 1 : f;
                if (r == 0 && double.IsNegative(_double)) r = -0.0;
                return Kind == NumericKind.Float ? FromFloat(r) : FromDouble(r);
        }
    }

    /// <summary>-1, 0 or 1 (0 for NaN).</summary>
    public int Sign() => Kind switch
    {
        NumericKind.Integer => _big.HasValue ? _big.Value.Sign : Math.Sign(_long),
        NumericKind.Decimal => Math.Sign(_decimal),
        _ => double.IsNaN(_double) ? 0 : Math.Sign(_double),
    };

    /// <summary>
    /// Compares by value after promotion (op:numeric-less-than, op:numeric-equal); null when a NaN
    /// makes the values unordered.
    /// </summary>
    public static int? Compare(in NumericValue a, in NumericValue b)
    {
        var kind = (NumericKind)Math.Max((int)a.Kind, (int)b.Kind);
        switch (kind)
        {
            case NumericKind.Integer:
                if (!a._big.HasValue && !b._big.HasValue) return a._long.CompareTo(b._long);
                return a.AsBigInteger.CompareTo(b.AsBigInteger);
            case NumericKind.Decimal:
                if (a.TryGetDecimal(out decimal x) && b.TryGetDecimal(out decimal y)) return x.CompareTo(y);
                return a.AsDouble.CompareTo(b.AsDouble);
            default:
                double fx = a.AsDouble, fy = b.AsDouble;
                if (kind == NumericKind.Float) { fx = (float)fx; fy = (float)fy; }
                if (double.IsNaN(fx) || double.IsNaN(fy)) return null;
                return fx.CompareTo(fy);
        }
    }
}
