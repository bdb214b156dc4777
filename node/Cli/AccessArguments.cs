using System.Globalization;
using System.Net;
using DihNode.Node.Hosting;

namespace DihNode.Node.Cli;

/// <summary>
/// The access options of <c>serve</c>: <c>--key NAME:ROLES:KEY</c> (repeatable), <c>--keys FILE</c>
/// (one <c>NAME ROLES SHA256-OF-KEY</c> per line, hex, <c>#</c> comments: the file never holds a
/// key; <see cref="KeysFile"/> reads it, <see cref="KeysFileReloader"/> again whenever it changes), and <c>--trusted-proxy ADDRESS|CIDR</c> (repeatable). ROLES (<see cref="WriteGrant"/>): <c>registry</c>,
/// <c>data</c>, <c>admin</c>, comma-separated, and the scoped <c>data=IRI-PREFIX</c> and <c>registry=CC</c>.
/// In <c>--key</c>, NAME is the first ':'-separated field; without a scope ROLES is the second and KEY all the
/// rest (it may hold ':'); once the second field holds '=' (a scope, whose IRI may hold ':'), KEY is the last
/// field (it cannot hold ':') and ROLES all between. <c>--api-key</c> stays what it was: one key with the role admin.
/// </summary>
internal static class AccessArguments
{
    public static IReadOnlyList<WriteCredential> ReadCredentials(CliArguments args)
    {
        var credentials = new List<WriteCredential>();
        foreach (string value in args.Options("key"))
        {
            int first = value.IndexOf(':'), second = first < 0 ? -1 : value.IndexOf(':', first + 1);
            if (first <= 0 || second < 0) throw new CliUsageException($"--key '{Name(value)}': expected NAME:ROLE[,ROLE]:KEY (a ROLE may carry a scope: data=IRI-PREFIX, registry=CC)");
            // A scope (ROLE=…) may hold ':' (IRIs), so then the KEY is the last field; without one, the KEY is all after the second ':' as before.
            bool scoped = value[(first + 1)..second].Contains('=');
            int keyAt = scoped ? value.LastIndexOf(':') : second;
            if (keyAt == value.Length - 1) throw new CliUsageException($"--key '{Name(value)}': expected NAME:ROLE[,ROLE]:KEY (a ROLE may carry a scope: data=IRI-PREFIX, registry=CC)");
            string key = value[(keyAt + 1)..];
            string hint = scoped ? " (with a scoped role the KEY is the last ':'-separated field, so it cannot contain ':'; use --keys for such a key)" : "";
            if (key.Length < 16) throw new CliUsageException($"--key {value[..first]}: the key is shorter than 16 characters{hint}");
            credentials.Add(Credential(value[..first], value[(first + 1)..keyAt], WriteCredential.Hash(key), $"--key {value[..first]}", hint));
        }
        if (args.Option("keys") is string file)
        {
            // Read once here, so a file the node cannot use stops it before it opens the database; KeysFileReloader reads it again on change.
            try { credentials.AddRange(KeysFile.Read(file, [.. credentials.Select(c => c.Name)])); }
            catch (KeysFileException e) { throw new CliUsageException(e.Line is null ? "--keys " + e.Message : e.Message); }
        }
        if (credentials.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CliUsageException($"credential '{twice.Key}' is configured twice");
        if (credentials.Any(c => c.Name == WriteCredential.ApiKeyName))
            throw new CliUsageException($"the credential name '{WriteCredential.ApiKeyName}' is the one --api-key defines; choose another");
        return credentials;
    }

    public static IReadOnlyList<IPNetwork> ReadTrustedProxies(CliArguments args) =>
        [.. args.Options("trusted-proxy").Select(v => ClientIdentity.ParseProxy(v)
            ?? throw new CliUsageException($"--trusted-proxy '{v}': expected an IP address or a network in CIDR notation (10.0.0.0/8)"))];

    private static WriteCredential Credential(string name, string roles, byte[] hash, string where, string hint)
    {
        try { return WriteCredential.Define(name, roles, hash, where, hint); }
        catch (FormatException e) { throw new CliUsageException(e.Message); }
    }

    /// <summary>The part of a <c>--key</c> value safe to echo in an error: up to the second colon, never the key.</summary>
    private static string Name(string value)
    {
        int first = value.IndexOf(':');
        int second = first < 0 ? -1 : value.IndexOf(':', first + 1);
        return second < 0 ? (first < 0 ? "…" : value[..first] + ":…") : value[..second] + ":…";
    }

    /// <summary>A line for the startup banner: the credentials by name and role (never keys) and the trusted proxies.</summary>
    public static string Describe(NodeOptions options)
    {
        var names = new List<string>();
        if (options.ApiKey is not null) names.Add($"{WriteCredential.ApiKeyName} (admin)");
        names.AddRange(options.Credentials.Select(c => $"{c.Name} ({c.Describe()})"));
        string proxies = options.TrustedProxies.Count == 0 ? "none" : string.Join(", ", options.TrustedProxies.Select(p => p.ToString()));
        string reload = options.KeysFile is null ? "" : $"; keys file {options.KeysFile} is re-read when it changes{(OperatingSystem.IsWindows() ? "" : " and on SIGHUP")}";
        return string.Create(CultureInfo.InvariantCulture, $"write credentials: {(names.Count == 0 ? "none: the node refuses every write" : string.Join(", ", names))}{reload}; trusted proxies: {proxies}");
    }
}
