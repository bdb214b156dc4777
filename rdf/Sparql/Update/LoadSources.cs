using System.Net.Http.Headers;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>
/// Which documents LOAD may read, and reading them. Only two kinds are ever opened: a <c>file:</c>
/// IRI whose file lies inside one of <see cref="UpdateOptions.LoadDirectories"/>, and an http(s) IRI
/// that <see cref="UpdateOptions.LoadUrls"/> allows. Any other IRI is refused before anything is
/// opened or fetched.
/// </summary>
internal static class LoadSources
{
    // Redirects are not followed: the allow-list names what is read, and a redirect could lead anywhere.
    // The connection goes to an address checked after name resolution (PublicAddresses), so an allowed
    // name that resolves (or is rebound) to loopback or a link-local metadata address is never contacted.
    private static readonly Lazy<HttpClient> s_client = new(() =>
        new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectCallback = PublicAddresses.ConnectAsync, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>An opened document: its bytes, format and a name for messages.</summary>
    public sealed record Document(Stream Stream, RdfFormat Format, string Name) : IDisposable
    {
        public void Dispose() => Stream.Dispose();
    }

    /// <exception cref="OperationFailure">The IRI is not allowed, or the document cannot be read.</exception>
    public static Document Open(Iri source, UpdateOptions options)
    {
        string iri = source.Value;
        if (iri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return OpenFile(iri, options);
        if (iri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || iri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return Fetch(iri, options);
        throw Refused(iri, "only file: and http(s) IRIs can be loaded");
    }

    private static OperationFailure Refused(string iri, string why) => new($"LOAD <{iri}> refused: {why}");

    /// <summary>The path of a file IRI when it lies inside an allowed folder (links followed), else null.</summary>
    internal static string? AllowedPath(string iri, IReadOnlyList<string> directories)
    {
        if (directories.Count == 0) return null;
        if (!Uri.TryCreate(iri, UriKind.Absolute, out var uri) || !uri.IsFile || !string.IsNullOrEmpty(uri.Host)) return null;
        string path = RealPath(uri.LocalPath);
        foreach (string directory in directories)
        {
            string root = Path.TrimEndingDirectorySeparator(RealPath(directory)) + Path.DirectorySeparatorChar;
            if (path.StartsWith(root, StringComparison.Ordinal)) return path;
        }
        return null;
    }

    /// <summary>The absolute path with ".." and every symbolic link on the way (folders and the file) resolved.</summary>
    internal static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = RealPath(target.FullName);
        }
        return current;
    }

    private static Document OpenFile(string iri, UpdateOptions options)
    {
        string path = AllowedPath(iri, options.LoadDirectories)
            ?? throw Refused(iri, options.LoadDirectories.Count == 0 ? "no folder is open to LOAD" : "the file is outside the folders open to LOAD");
        var format = RdfFormats.FromFileName(path) ?? throw new OperationFailure($"LOAD <{iri}>: no RDF format for the extension of {Path.GetFileName(path)}");
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new OperationFailure($"LOAD <{iri}>: no such file");
            if (info.Length > options.MaxLoadBytes) throw new OperationFailure($"LOAD <{iri}>: larger than {options.MaxLoadBytes} bytes");
            return new Document(File.OpenRead(path), format, Path.GetFileName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperationFailure($"LOAD <{iri}>: {e.Message}", e);
        }
    }

    /// <summary>Whether the http(s) allow-list admits <paramref name="iri"/>: an equal entry, or an entry ending in "/" it starts with.</summary>
    internal static bool UrlAllowed(string iri, IReadOnlyList<string> allowed)
    {
        foreach (string entry in allowed)
        {
            if (string.Equals(entry, iri, StringComparison.Ordinal)) return true;
            if (entry.EndsWith('/') && iri.StartsWith(entry, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static Document Fetch(string iri, UpdateOptions options)
    {
        if (!UrlAllowed(iri, options.LoadUrls)) throw Refused(iri, "the IRI is not on the LOAD allow-list");
        var client = options.HttpClient ?? s_client.Value;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, iri);
            foreach (var format in RdfFormats.All)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(format.MediaType()));
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, options.CancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new OperationFailure($"LOAD <{iri}>: redirected to <{response.Headers.Location}>, which is not followed");
            if (!response.IsSuccessStatusCode)
                throw new OperationFailure($"LOAD <{iri}>: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var detected = (response.Content.Headers.ContentType?.MediaType is { } type ? RdfFormats.FromMediaType(type) : null)
                ?? RdfFormats.FromFileName(new Uri(iri).AbsolutePath)
                ?? throw new OperationFailure($"LOAD <{iri}>: unknown RDF format ({response.Content.Headers.ContentType?.MediaType ?? "no Content-Type"})");
            var buffer = new MemoryStream();
            using (var body = response.Content.ReadAsStream(options.CancellationToken))
                CopyLimited(body, buffer, options.MaxLoadBytes, iri);
            buffer.Position = 0;
            return new Document(buffer, detected, iri);
        }
        catch (HttpRequestException e)
        {
            throw new OperationFailure($"LOAD <{iri}>: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!options.CancellationToken.IsCancellationRequested)
        {
            throw new OperationFailure($"LOAD <{iri}>: timed out", e);
        }
    }

    private static void CopyLimited(Stream from, Stream to, long max, string iri)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = from.Read(chunk)) > 0)
        {
            total += read;
            if (total > max) throw new OperationFailure($"LOAD <{iri}>: larger than {max} bytes");
            to.Write(chunk, 0, read);
        }
    }
}
