using System.Globalization;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// An xsd:dateTime or xsd:date value (XML Schema 1.1 Part 2 §3.3.7–9) with its seven-property
/// model: year (any size, may be negative), month, day, hour, minute, decimal second and an
/// optional timezone offset in minutes. Values without a timezone are only partially ordered
/// against values with one (§3.3.7.3, the ±14:00 rule), which <see cref="Compare"/> reports as null.
/// </summary>
internal readonly struct DateTimeValue
{
    private const int MaxOffsetMinutes = 14 * 60;

    public long Year { get; }
    public int Month { get; }
    public int Day { get; }
    public int Hour { get; }
    public int Minute { get; }
    public decimal Second { get; }
    /// <summary>Timezone offset in minutes, or null when the value has none.</summary>
    public int? Offset { get; }
    /// <summary>The timezone exactly as written (Z, +01:00), or null.</summary>
    public string? OffsetText { get; }
    public bool IsDate { get; }

    private DateTimeValue(long year, int month, int day, int hour, int minute, decimal second, int? offset, string? offsetText, bool isDate)
    {
        Year = year;
        Month = month;
        Day = day;
        Hour = hour;
        Minute = minute;
        Second = second;
        Offset = offset;
        OffsetText = offsetText;
        IsDate = isDate;
    }

    /// <summary>Parses an xsd:dateTime or xsd:date literal; false for other datatypes or ill-formed forms.</summary>
    public static bool TryFromLiteral(Literal literal, out DateTimeValue value)
    {
        value = default;
        if (literal.Language is not null) return false;
        if (literal.Datatype.Equals(XsdTypes.DateTime)) return TryParse(literal.LexicalForm, false, out value);
        if (literal.Datatype.Equals(XsdTypes.Date)) return TryParse(literal.LexicalForm, true, out value);
        return false;
    }

    /// <summary>The current time as a value with timezone.</summary>
    public static DateTimeValue FromDateTimeOffset(DateTimeOffset t)
    {
        decimal seconds = t.Second + (t.Ticks % TimeSpan.TicksPerSecond) / (decimal)TimeSpan.TicksPerSecond;
        int offset = (int)t.Offset.TotalMinutes;
        return new(t.Year, t.Month, t.Day, t.Hour, t.Minute, seconds, offset, FormatOffset(offset), false);
    }

    /// <summary>
    /// Parses <c>-?YYYY-MM-DD</c> (date) or <c>-?YYYY-MM-DDThh:mm:ss(.s+)?</c> (dateTime), each with
    /// an optional <c>Z</c> or <c>±hh:mm</c> timezone.
    /// </summary>
    public static bool TryParse(string s, bool isDate, out DateTimeValue value)
    {
        value = default;
        int i = 0;
        bool negative = false;
        if (i < s.Length && s[i] == '-') { negative = true; i++; }
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        int yearDigits = i - start;
        if (yearDigits < 4 || yearDigits > 12 || (yearDigits > 4 && s[start] == '0')) return false;
        long year = long.Parse(s.AsSpan(start, yearDigits), CultureInfo.InvariantCulture);
        if (negative) year = -year;
        if (!Expect(s, ref i, '-') || !TwoDigits(s, ref i, out int month) || !Expect(s, ref i, '-') || !TwoDigits(s, ref i, out int day))
            return false;
        if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0;
        decimal second = 0;
        if (!isDate)
        {
            if (!Expect(s, ref i, 'T') || !TwoDigits(s, ref i, out hour) || !Expect(s, ref i, ':')
                || !TwoDigits(s, ref i, out minute) || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, out int whole))
                return false;
            int fracStart = i;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int digitsStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                if (i == digitsStart) return false;
            }
            second = whole;
            if (i > fracStart)
            {
                string frac = "0" + s[fracStart..Math.Min(i, fracStart + 29)];
                second += decimal.Parse(frac, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            }
            if (minute > 59 || whole > 59) return false;
            if (hour == 24)
            {
                if (minute != 0 || second != 0) return false;
            }
            else if (hour > 23)
            {
                return false;
            }
        }
        int? offset = null;
        string? offsetText = null;
        if (i < s.Length)
        {
            int tzStart = i;
            if (s[i] == 'Z')
            {
                i++;
                offset = 0;
            }
            else if (s[i] == '+' || s[i] == '-')
            {
                int sign = s[i] == '-' ? -1 : 1;
                i++;
                if (!TwoDigits(s, ref i, out int th) || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, out int tm)) return false;
                if (tm > 59 || th * 60 + tm > MaxOffsetMinutes) return false;
                offset = sign * (th * 60 + tm);
            }
            else
            {
                return false;
            }
            offsetText = s[tzStart..i];
        }
        if (i != s.Length) return false;
        if (hour == 24)
        {
            // 24:00:00 is the first instant of the next day (XSD 1.1 §3.3.7.2).
            hour = 0;
            day++;
            if (day > DaysInMonth(year, month))
            {
                day = 1;
                if (++month > 12) { month = 1; year++; }
            }
        }
        value = new(year, month, day, hour, minute, second, offset, offsetText, isDate);
        return true;
    }

    private static bool Expect(string s, ref int i, char c)
    {
        if (i >= s.Length || s[i] != c) return false;
        i++;
        return true;
    }

    private static bool TwoDigits(string s, ref int i, out int value)
    {
        value = 0;
        if (i + 2 > s.Length || !char.IsAsciiDigit(s[i]) || !char.IsAsciiDigit(s[i + 1])) return false;
        value = (s[i] - '0') * 10 + (s[i + 1] - '0');
        i += 2;
        return true;
    }

    private static bool IsLeap(long y) => (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 1970-01-01 in the proleptic Gregorian calendar (year 0 = 1 BCE, as XSD 1.1).</summary>
    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /// <summary>Seconds since the epoch, reading a missing timezone as UTC.</summary>
    private decimal LocalSeconds =>
        (decimal)DaysFromCivil(Year, Month, Day) * 86400m + Hour * 3600 + Minute * 60 + Second;

    private decimal UtcSeconds => LocalSeconds - (Offset ?? 0) * 60;

    /// <summary>
    /// Compares two values of the same kind by the XSD partial order: -1, 0, 1, or null when one has
    /// a timezone, the other has none, and they are within 14 hours of each other.
    /// </summary>
    public static int? Compare(in DateTimeValue a, in DateTimeValue b)
    {
        decimal x = a.UtcSeconds, y = b.UtcSeconds;
        if (a.Offset.HasValue == b.Offset.HasValue) return x.CompareTo(y);
        decimal window = MaxOffsetMinutes * 60;
        if (a.Offset.HasValue)
        {
            if (x < y - window) return -1;
            if (x > y + window) return 1;
            return null;
        }
        if (x + window < y) return -1;
        if (x - window > y) return 1;
        return null;
    }

    /// <summary>A total order for ORDER BY: instants with a missing timezone read as UTC.</summary>
    public static int CompareTotal(in DateTimeValue a, in DateTimeValue b) => a.UtcSeconds.CompareTo(b.UtcSeconds);

    /// <summary>The timezone as an xsd:dayTimeDuration lexical form (fn:timezone-from-dateTime), e.g. <c>-PT8H</c>.</summary>
    public string? TimezoneDuration()
    {
        if (Offset is not int o) return null;
        if (o == 0) return "PT0S";
        var sb = new StringBuilder();
        if (o < 0) sb.Append('-');
        o = Math.Abs(o);
        sb.Append("PT");
        if (o / 60 != 0) sb.Append(o / 60).Append('H');
        if (o % 60 != 0) sb.Append(o % 60).Append('M');
        return sb.ToString();
    }

    private static string FormatOffset(int offset)
    {
        if (offset == 0) return "Z";
        int a = Math.Abs(offset);
        return (offset < 0 ? "-" : "+") + (a / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (a % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The canonical lexical form (XSD 1.1 §3.3.7.2): four-digit year, trimmed fraction, Z for UTC.</summary>
    public string ToCanonicalString()
    {
        var sb = new StringBuilder(32);
        if (Year < 0) sb.Append('-');
        sb.Append(Math.Abs(Year).ToString("0000", CultureInfo.InvariantCulture)).Append('-')
          .Append(Month.ToString("00", CultureInfo.InvariantCulture)).Append('-')
          .Append(Day.ToString("00", CultureInfo.InvariantCulture));
        if (!IsDate)
        {
            sb.Append('T').Append(Hour.ToString("00", CultureInfo.InvariantCulture)).Append(':')
              .Append(Minute.ToString("00", CultureInfo.InvariantCulture)).Append(':');
            decimal whole = decimal.Truncate(Second);
            sb.Append(((int)whole).ToString("00", CultureInfo.InvariantCulture));
            decimal frac = Second - whole;
            if (frac != 0)
            {
                string f = NumericValue.DecimalToString(frac);
                sb.Append(f.AsSpan(f.IndexOf('.', StringComparison.Ordinal)));
            }
        }
        if (Offset is int o) sb.Append(FormatOffset(o));
        return sb.ToString();
    }

    public Literal ToLiteral() => Literal.Typed(ToCanonicalString(), IsDate ? XsdTypes.Date : XsdTypes.DateTime);
}
