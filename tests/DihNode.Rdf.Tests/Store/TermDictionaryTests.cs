using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

public class TermDictionaryTests
{
    public static TheoryData<Term> AllKinds() =>
    [
        Iri.Create("http://example.org/a"),
        Iri.Create("http://example.org/caf\u00e9/\u65e5\u672c"),
        new BlankNode("b0"),
        Literal.Simple(""),
        Literal.Simple("plain"),
        Literal.Simple("\u00e9t\u00e9 \U0001F600 \n\"quoted\""),
        Literal.Typed("42", Vocabulary.Xsd.Integer),
        Literal.Typed("2024-01-02", Vocabulary.Xsd.Date),
        Literal.Typed("x", Iri.Create("http://example.org/dt")),
        Literal.LangString("chat", "fr"),
        Literal.LangString("colour", "en-GB"),
        Literal.LangString("\u65e5\u672c\u8a9e", "ja"),
        Literal.Simple(new string('x', 200)),
        Literal.Simple(new string('\u00e9', 5000)),
    ];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void TermsRoundTrip(Term term)
    {
        var dictionary = new TermDictionary();
        Assert.False(dictionary.TryGetId(term, out _));
        int id = dictionary.GetOrAdd(term);
        Assert.True(id > 0);
        Assert.Equal(id, dictionary.GetOrAdd(term));
        Assert.True(dictionary.TryGetId(term, out int found));
        Assert.Equal(id, found);
        Term back = dictionary.GetTerm(id);
        Assert.Equal(term, back);
        Assert.Equal(term.ToString(), back.ToString());
    }

    [Fact]
    public void DistinctTermsGetDistinctIds()
    {
        var dictionary = new TermDictionary();
        var terms = new List<Term>();
        terms.AddRange(AllKinds());
        // Same text, different kinds.
        terms.Add(Literal.Simple("http://example.org/a"));
        terms.Add(new BlankNode("plain"));
        terms.Add(Literal.LangString("chat", "en"));
        terms.Add(Literal.Typed("42", Vocabulary.Xsd.Decimal));
        var ids = terms.Select(dictionary.GetOrAdd).ToList();
        // Typed literals add their datatype IRI too.
        Assert.Equal(terms.Count, ids.Distinct().Count());
        for (int i = 0; i < terms.Count; i++) Assert.Equal(terms[i], dictionary.GetTerm(ids[i]));
    }

    [Fact]
    public void XsdStringLiteralIsTheSimpleLiteral()
    {
        var dictionary = new TermDictionary();
        int id = dictionary.GetOrAdd(Literal.Simple("x"));
        Assert.Equal(id, dictionary.GetOrAdd(Literal.Typed("x", Vocabulary.Xsd.String)));
        Assert.Equal(1, dictionary.Count);
    }

    [Fact]
    public void ManyTermsSurviveGrowthAndCacheEviction()
    {
        var dictionary = new TermDictionary();
        const int n = 300_000; // several arena chunks, table rehashes, cache collisions
        for (int i = 0; i < n; i++)
            Assert.Equal(i + 1, dictionary.GetOrAdd(Iri.FromTrusted($"https://dih.example.org/org/{i}/with-a-fairly-long-path")));
        Assert.Equal(n, dictionary.Count);
        for (int i = 0; i < n; i += 997)
        {
            Assert.Equal($"https://dih.example.org/org/{i}/with-a-fairly-long-path", ((Iri)dictionary.GetTerm(i + 1)).Value);
            Assert.True(dictionary.TryGetId(Iri.FromTrusted($"https://dih.example.org/org/{i}/with-a-fairly-long-path"), out int id));
            Assert.Equal(i + 1, id);
        }
        Assert.False(dictionary.TryGetId(Iri.FromTrusted("https://dih.example.org/org/absent"), out _));
    }

    [Fact]
    public void TermsLargerThanAnArenaChunkGetTheirOwn()
    {
        var dictionary = new TermDictionary();
        var small = Literal.Simple("before");
        var huge = Literal.Simple(new string('h', 3 << 20));
        var after = Iri.FromTrusted("http://example.org/after");
        int a = dictionary.GetOrAdd(small), b = dictionary.GetOrAdd(huge), c = dictionary.GetOrAdd(after);
        Assert.Equal(small, dictionary.GetTerm(a));
        Assert.Equal(huge, dictionary.GetTerm(b));
        Assert.Equal(after, dictionary.GetTerm(c));
        Assert.True(dictionary.TryGetId(Literal.Simple(new string('h', 3 << 20)), out int again));
        Assert.Equal(b, again);
    }

    [Fact]
    public void LookingUpKnownTermsDoesNotAllocate()
    {
        var dictionary = new TermDictionary();
        Term[] terms = [Iri.FromTrusted("http://example.org/x"), Literal.LangString("hallo", "de"), Literal.Typed("1", Vocabulary.Xsd.Integer), new BlankNode("b1")];
        foreach (var t in terms) dictionary.GetOrAdd(t);
        foreach (var t in terms) dictionary.TryGetId(t, out _); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            foreach (var t in terms)
                Assert.True(dictionary.TryGetId(t, out _));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void UnknownIdsAndVariablesAreRefused()
    {
        var dictionary = new TermDictionary();
        Assert.Throws<ArgumentOutOfRangeException>(() => dictionary.GetTerm(1));
        Assert.Throws<ArgumentException>(() => dictionary.GetOrAdd(new Variable("x")));
    }
}
