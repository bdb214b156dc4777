namespace DihNode.Node.Cli;

/// <summary>A mistake in how a command was called; reported with the command's usage, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// A command's arguments: positional ones, and options written <c>--name value</c> or <c>--name=value</c>.
/// A lone <c>-</c> is positional (standard input or output). Every option must be taken by the command,
/// so a misspelt one is an error rather than silently ignored.
/// </summary>
internal sealed class CliArguments
{
    /// <summary>Options that take no value (<c>--strict</c>); any other option takes one.</summary>
    private static readonly HashSet<string> s_flags = new(StringComparer.Ordinal) { "strict", "sync", "aggregator", "fresh", "stop-with-stdin" };

    /// <summary>Options that may be given more than once (<c>--peer A=URL --peer B=URL</c>).</summary>
    private static readonly HashSet<string> s_repeatable = new(StringComparer.Ordinal) { "peer", "peer-secret", "peer-cert", "key", "trusted-proxy" };

    /// <summary>
    /// Options that take a list: every following argument up to the next option (<c>--shapes A.ttl B.ttl</c>);
    /// they may also be given more than once.
    /// </summary>
    private static readonly HashSet<string> s_lists = new(StringComparer.Ordinal) { "shapes" };

    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public CliArguments(string command, ReadOnlySpan<string> args)
    {
        Command = command;
        var positional = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith('-') || a == "-")
            {
                positional.Add(a);
                continue;
            }
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
                throw new CliUsageException($"unknown option '{a}'");
            string name = a[2..], value;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (s_flags.Contains(name))
            {
                value = "true";
            }
            else if (s_lists.Contains(name))
            {
                int start = i + 1;
                while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) i++;
                if (i < start) throw new CliUsageException($"option --{name} needs a value");
                AddToList(name, args[start..(i + 1)]);
                continue;
            }
            else
            {
                if (i + 1 >= args.Length) throw new CliUsageException($"option --{name} needs a value");
                value = args[++i];
            }
            if (s_lists.Contains(name) || s_repeatable.Contains(name)) AddToList(name, [value]);
            else if (!_options.TryAdd(name, value)) throw new CliUsageException($"option --{name} given twice");
        }
        Positional = positional;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>The value of option <c>--name</c>, or null.</summary>
    public string? Option(string name)
    {
        _taken.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>The values of a list or repeatable option <c>--name</c>, in order (empty when not given).</summary>
    public IReadOnlyList<string> Options(string name)
    {
        _taken.Add(name);
        return _lists.TryGetValue(name, out var values) ? values : [];
    }

    private void AddToList(string name, ReadOnlySpan<string> values)
    {
        if (!_lists.TryGetValue(name, out var list)) _lists[name] = list = [];
        list.AddRange(values);
    }

    /// <summary>
    /// The value of option <c>--name</c> as a duration in seconds (a decimal number, <c>2</c> or <c>0.5</c>, as
    /// <c>query --timeout</c> takes it), greater than zero and at most <paramref name="maximum"/>; null when not given.
    /// </summary>
    public TimeSpan? Seconds(string name, TimeSpan maximum)
    {
        if (Option(name) is not string text) return null;
        if (!double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            || !(seconds > 0) || seconds > maximum.TotalSeconds)
            throw new CliUsageException($"--{name} wants a number of seconds greater than 0 and at most {maximum.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not '{text}'");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Whether the value-less option <c>--name</c> was given.</summary>
    public bool Flag(string name) => Option(name) is not null;

    /// <summary>Checks the count of positional arguments and that no option was left unread.</summary>
    public void Expect(int positionalCount)
    {
        ExpectAtLeast(positionalCount);
        if (Positional.Count > positionalCount) throw new CliUsageException($"unexpected argument '{Positional[positionalCount]}'");
    }

    /// <summary>Checks that there are at least <paramref name="minimum"/> positional arguments and that no option was left unread.</summary>
    public void ExpectAtLeast(int minimum)
    {
        foreach (string name in _options.Keys.Concat(_lists.Keys))
            if (!_taken.Contains(name)) throw new CliUsageException($"unknown option '--{name}'");
        if (Positional.Count < minimum) throw new CliUsageException("missing argument");
    }
}
