using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>
/// httpd picks the first name-based VirtualHost (in read order) whose address:port and
/// ServerName/ServerAlias match a request; a later VirtualHost with the same address and name
/// never answers for that name.
/// </summary>
public sealed class CL1010VirtualHostNameMustBeUnique : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1010",
        "Two VirtualHosts share address and server name",
        "{0}",
        "Apache",
        Severity.Warning,
        "For name-based virtual hosts httpd answers a request with the first <VirtualHost> (in read order) whose address:port and ServerName/ServerAlias match. A later <VirtualHost> with the same address and name is never used for that name: its DocumentRoot, handlers and PHP settings silently do not apply (`apache2ctl -S` lists it but requests never reach it).");

    public override DiagnosticDescriptor Descriptor => Rule;

    // A vhost that claimed an address and name first: its section, and the directive and word that named it.
    private readonly record struct Claim(ApacheConfigSection Section, ApacheConfigDirective Directive, ApacheWord Token);

    public override void Analyze(ApacheConfiguration input, AnalysisContext context)
    {
        // (address, name) → the first vhost that claimed it: one lookup per name, not a scan of every earlier vhost.
        var claimed = new Dictionary<(string Address, string Name), Claim>();
        // A host's vhosts mostly share their few addresses: each is normalised once.
        var normalizedAddresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var addresses = new List<string>();
        var names = new List<(string Name, ApacheConfigDirective Directive, ApacheWord Token)>();
        var stack = new Stack<ApacheConfigNode>();
        var directives = new List<ApacheConfigDirective>();
        foreach (var vhost in input.VirtualHosts)
        {
            addresses.Clear();
            foreach (var argument in vhost.Arguments)
            {
                if (!normalizedAddresses.TryGetValue(argument.Value, out var address))
                    normalizedAddresses[argument.Value] = address = NormalizeAddress(argument.Value);
                if (!addresses.Contains(address)) addresses.Add(address);
            }
            names.Clear();
            DirectivesOf(vhost, stack, directives);
            foreach (var d in directives)
            {
                if (d.Is("ServerName") && d.Arguments.Length >= 1)
                    names.Add((NormalizeName(d.Arguments[0].Value), d, d.Arguments[0]));
                else if (d.Is("ServerAlias"))
                    foreach (var a in d.Arguments) names.Add((NormalizeName(a.Value), d, a));
            }
            foreach (var (name, directive, token) in names)
            {
                // The first of the vhost's addresses on which another vhost claimed the name.
                string? hitAddress = null;
                Claim earlier = default;
                foreach (var address in addresses)
                {
                    if (claimed.TryGetValue((address, name), out var claim) && !ReferenceEquals(claim.Section, vhost))
                    {
                        (hitAddress, earlier) = (address, claim);
                        break;
                    }
                }
                if (hitAddress is null) continue;
                var diagnostic = Diagnostic.Create(Rule, directive.Source.GetLocation(token.Span),
                        $"'{token.Value}' on {hitAddress} is already served by the <VirtualHost> at {earlier.Section.Source.HostPath}:{earlier.Section.Line.FirstLine}: this VirtualHost never answers for it")
                    .WithIncludeChain(directive.IncludeChain)
                    .WithRelated(earlier.Directive.Source.GetLocation(earlier.Token.Span), $"'{earlier.Token.Value}' first claimed here");
                context.Report(diagnostic);
            }
            foreach (var (name, directive, token) in names)
                foreach (var address in addresses)
                    claimed.TryAdd((address, name), new Claim(vhost, directive, token));
        }
    }

    // The directives that configure the vhost itself: through active conditionals and includes, not into Directory/Location.
    // (Into a list the caller keeps: a host has thousands of vhosts.)
    private static void DirectivesOf(ApacheConfigSection vhost, Stack<ApacheConfigNode> stack, List<ApacheConfigDirective> directives)
    {
        directives.Clear();
        stack.Clear();
        for (int i = vhost.Children.Count - 1; i >= 0; i--) stack.Push(vhost.Children[i]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!node.IsActive) continue;
            if (node is ApacheConfigDirective d)
            {
                directives.Add(d);
                for (int i = d.Expansion.Count - 1; i >= 0; i--) stack.Push(d.Expansion[i]);
            }
            else if (node is ApacheConfigSection s && s.Kind.IsReadTimeConditional() && s.IsBodyActive)
            {
                for (int i = s.Children.Count - 1; i >= 0; i--) stack.Push(s.Children[i]);
            }
        }
    }

    private static string NormalizeAddress(string address)
    {
        var a = address.ToLowerInvariant();
        // An address without a port matches every port httpd listens on.
        bool hasPort = a.StartsWith('[') ? a.Contains("]:", StringComparison.Ordinal) : a.Contains(':');
        return hasPort ? a : a + ":*";
    }

    private static string NormalizeName(string name)
    {
        var n = name.ToLowerInvariant();
        int scheme = n.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) n = n[(scheme + 3)..];
        if (!n.StartsWith('[') && n.LastIndexOf(':') is int colon and > 0) n = n[..colon];
        return n.TrimEnd('.');
    }
}
