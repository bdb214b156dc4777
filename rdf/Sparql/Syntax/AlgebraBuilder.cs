using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Translation of the AST to the SPARQL algebra, following Query §18.2: graph patterns (§18.2.2),
/// property paths (§18.2.2.4), filters over the whole group (§18.2.2.7), aggregates (§18.2.4.1),
/// then HAVING, VALUES, SELECT expressions, ORDER BY, projection, DISTINCT/REDUCED and slice.
/// </summary>
public static class AlgebraBuilder
{
    /// <summary>The algebra of a whole query (or sub-SELECT).</summary>
    public static Op Translate(Query query) => new Translator().TranslateQuery(query);

    /// <summary>The algebra of a group graph pattern (e.g. the WHERE of an update).</summary>
    public static Op Translate(GroupGraphPattern pattern) => new Translator().TranslateGroup(pattern);

    private sealed class Translator
    {
        private int _pathVars;
        private int _aggVars;

        public Op TranslateQuery(Query q)
        {
            Op g = q.Where is null ? Table.Unit : TranslateGroup(q.Where);

            // §18.2.4.1 grouping and aggregates: aggregates are replaced by variables bound by Group.
            var aggregates = new List<AggregateBinding>();
            bool grouped = q.GroupBy.Count > 0
                || q.Projection.Any(p => p.Expression is not null && StaticRules.ContainsAggregate(p.Expression))
                || q.Having.Any(StaticRules.ContainsAggregate)
                || q.OrderBy.Any(o => StaticRules.ContainsAggregate(o.Expression));
            var projection = q.Projection.Select(p => p with { Expression = p.Expression is null ? null : ReplaceAggregates(p.Expression, aggregates) }).ToList();
            var having = q.Having.Select(h => ReplaceAggregates(h, aggregates)).ToList();
            var order = q.OrderBy.Select(o => o with { Expression = ReplaceAggregates(o.Expression, aggregates) }).ToList();
            if (grouped)
            {
                var keys = q.GroupBy.Select(k => new GroupKey(Resolve(k.Expression), k.Variable ?? (k.Expression as VariableExpression)?.Variable)).ToList();
                g = new Group(keys, aggregates, g);
                // GROUP BY (expr) without AS leaves no variable; GROUP BY (expr AS ?v) binds ?v.
            }
            if (having.Count > 0) g = new Filter(having, g);
            if (q.Values is not null) g = JoinOps(g, new Table(q.Values.Variables, q.Values.Rows));
            foreach (SelectItem item in projection)
                if (item.Expression is not null) g = new Extend(g, item.Variable, item.Expression);
            if (order.Count > 0) g = new OrderBy(order, g);
            if (q.Form == QueryForm.Select) g = new Project(StaticRules.Projected(q), g);
            if (q.Distinct) g = new Distinct(g);
            else if (q.Reduced) g = new Reduced(g);
            if (q.Limit is not null || q.Offset is not null) g = new Slice(g, q.Offset, q.Limit);
            return g;
        }

        private Expression ReplaceAggregates(Expression e, List<AggregateBinding> aggregates)
        {
            switch (e)
            {
                case AggregateExpression a:
                    {
                        a = a with { Argument = a.Argument is null ? null : Resolve(a.Argument) };
                        // The same aggregate written twice is computed once (compared in SSE form, since
                        // argument lists do not compare by value).
                        string key = a.ToString();
                        foreach (AggregateBinding b in aggregates)
                            if (b.Aggregate.ToString() == key) return new VariableExpression(b.Variable);
                        var v = new Variable("." + _aggVars++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        aggregates.Add(new AggregateBinding(v, a));
                        return new VariableExpression(v);
                    }
                case OperatorExpression o: return o with { Arguments = o.Arguments.Select(x => ReplaceAggregates(x, aggregates)).ToList() };
                case BuiltInCall b: return b with { Arguments = b.Arguments.Select(x => ReplaceAggregates(x, aggregates)).ToList() };
                case FunctionCall f: return f with { Arguments = f.Arguments.Select(x => ReplaceAggregates(x, aggregates)).ToList() };
                case InExpression i: return i with { Operand = ReplaceAggregates(i.Operand, aggregates), List = i.List.Select(x => ReplaceAggregates(x, aggregates)).ToList() };
                default: return Resolve(e);
            }
        }

        /// <summary>Translates the patterns inside EXISTS.</summary>
        private Expression Resolve(Expression e) => e switch
        {
            ExistsExpression x => x with { Algebra = TranslateGroup(x.Pattern) },
            OperatorExpression o => o with { Arguments = o.Arguments.Select(Resolve).ToList() },
            BuiltInCall b => b with { Arguments = b.Arguments.Select(Resolve).ToList() },
            FunctionCall f => f with { Arguments = f.Arguments.Select(Resolve).ToList() },
            InExpression i => i with { Operand = Resolve(i.Operand), List = i.List.Select(Resolve).ToList() },
            AggregateExpression a => a with { Argument = a.Argument is null ? null : Resolve(a.Argument) },
            _ => e,
        };

        /// <summary>§18.2.2.6 and §18.2.2.7: a group, with its filters applied to the whole group.</summary>
        public Op TranslateGroup(GroupGraphPattern group)
        {
            var filters = new List<Expression>();
            Op g = Bgp.Empty;
            var pending = new List<TriplePatternSyntax>();
            void Flush()
            {
                if (pending.Count == 0) return;
                g = JoinOps(g, TranslateTriples(pending));
                pending.Clear();
            }
            foreach (PatternElement e in group.Elements)
            {
                if (e is FilterElement f) { filters.Add(Resolve(f.Condition)); continue; }
                if (e is TriplesBlock tb) { pending.AddRange(tb.Triples); continue; }
                Flush();
                switch (e)
                {
                    case OptionalElement o:
                        {
                            Op a = TranslateGroup(o.Pattern);
                            // Only the optional group's own filters become the LeftJoin condition: a
                            // filter of a nested group { { ... FILTER } } stays inside it (§18.2.2.6).
                            g = a is Filter af && o.Pattern.Elements.Any(x => x is FilterElement)
                                ? new LeftJoin(g, af.Input, Conjunction(af.Conditions))
                                : new LeftJoin(g, a, null);
                            break;
                        }
                    case MinusElement m: g = new Minus(g, TranslateGroup(m.Pattern)); break;
                    case BindElement b: g = new Extend(g, b.Variable, Resolve(b.Value)); break;
                    case UnionElement u:
                        {
                            Op a = TranslateGroup(u.Alternatives[0]);
                            for (int i = 1; i < u.Alternatives.Count; i++) a = new Union(a, TranslateGroup(u.Alternatives[i]));
                            g = JoinOps(g, a);
                            break;
                        }
                    case GraphElement ge: g = JoinOps(g, new Graph(ge.Graph, TranslateGroup(ge.Pattern))); break;
                    case ServiceElement s: g = JoinOps(g, new Service(s.Endpoint, s.Silent, TranslateGroup(s.Pattern))); break;
                    case ValuesElement v: g = JoinOps(g, new Table(v.Data.Variables, v.Data.Rows)); break;
                    case SubSelectElement sub: g = JoinOps(g, new ToMultiset(new Translator().TranslateQuery(sub.Query))); break;
                }
            }
            Flush();
            if (filters.Count > 0) g = new Filter(filters, g);
            return g;
        }

        private static Expression Conjunction(IReadOnlyList<Expression> conditions)
        {
            Expression e = conditions[0];
            for (int i = 1; i < conditions.Count; i++) e = new OperatorExpression("&&", [e, conditions[i]]);
            return e;
        }

        /// <summary>Join with the simplification Join(Z, A) = A (§18.2.2.8).</summary>
        private static Op JoinOps(Op left, Op right)
        {
            if (left is Bgp { Triples.Count: 0 }) return right;
            if (right is Bgp { Triples.Count: 0 }) return left;
            return new Join(left, right);
        }

        /// <summary>§18.2.2.4: links, inverses and sequences become triple patterns; the rest are path operators.</summary>
        private Op TranslateTriples(List<TriplePatternSyntax> triples)
        {
            var parts = new List<object>();
            foreach (TriplePatternSyntax t in triples)
            {
                if (t.Path is null) parts.Add(new TriplePattern(t.Subject, t.Predicate!, t.Obj));
                else AddPath(parts, t.Subject, NormalizePath(t.Path), t.Obj);
            }
            Op result = Bgp.Empty;
            var run = new List<TriplePattern>();
            foreach (object p in parts)
            {
                if (p is TriplePattern tp) { run.Add(tp); continue; }
                if (run.Count > 0) { result = JoinOps(result, new Bgp([.. run])); run.Clear(); }
                result = JoinOps(result, (Op)p);
            }
            if (run.Count > 0) result = JoinOps(result, new Bgp([.. run]));
            return result;
        }

        /// <summary>
        /// §18.2.2.3: a negated set with inverse members becomes inv(NPS(…)), or
        /// alt(NPS(forward), inv(NPS(inverse))) when it has both kinds.
        /// </summary>
        private static PropertyPath NormalizePath(PropertyPath path) => path switch
        {
            NegatedPropertySet { Inverse.Count: 0 } n => n,
            NegatedPropertySet { Forward.Count: 0 } n => new InversePath(new NegatedPropertySet(n.Inverse, [])),
            NegatedPropertySet n => new AlternativePath(new NegatedPropertySet(n.Forward, []), new InversePath(new NegatedPropertySet(n.Inverse, []))),
            InversePath i => new InversePath(NormalizePath(i.Path)),
            SequencePath q => new SequencePath(NormalizePath(q.Left), NormalizePath(q.Right)),
            AlternativePath a => new AlternativePath(NormalizePath(a.Left), NormalizePath(a.Right)),
            ZeroOrMorePath z => new ZeroOrMorePath(NormalizePath(z.Path)),
            OneOrMorePath o => new OneOrMorePath(NormalizePath(o.Path)),
            ZeroOrOnePath z => new ZeroOrOnePath(NormalizePath(z.Path)),
            _ => path,
        };

        private void AddPath(List<object> parts, Term s, PropertyPath path, Term o)
        {
            switch (path)
            {
                case LinkPath l: parts.Add(new TriplePattern(s, l.Iri, o)); break;
                case InversePath i: AddPath(parts, o, i.Path, s); break;
                case SequencePath q:
                    {
                        var v = new Variable("?P" + _pathVars++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        AddPath(parts, s, q.Left, v);
                        AddPath(parts, v, q.Right, o);
                        break;
                    }
                default: parts.Add(new PathOp(s, path, o)); break;
            }
        }
    }
}
