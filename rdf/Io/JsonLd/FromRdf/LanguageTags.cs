namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>
/// Well-formedness of a BCP 47 language tag (https://www.rfc-editor.org/rfc/rfc5646#section-2.2.9),
/// checked by its shape: alphanumeric subtags of 1 to 8 characters separated by hyphens, the first
/// alphabetic (or the private-use "x").
/// </summary>
internal static class LanguageTags
{
    public static bool IsWellFormed(string tag)
    {
        if (tag.Length == 0) return false;
        string[] subtags = tag.Split('-');
        if (subtags[0].Length is 0 or > 8 || !subtags[0].All(char.IsAsciiLetter)) return false;
        foreach (string subtag in subtags.AsSpan(1))
            if (subtag.Length is 0 or > 8 || !subtag.All(char.IsAsciiLetterOrDigit)) return false;
        return true;
    }
}
