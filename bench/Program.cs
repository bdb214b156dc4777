using DihNode.Bench;

// Benchmark harness (not a timed test). See bench/README.md and bench/RESULTS.md.
return args.Length > 0 && args[0] == "parse" ? ParseBenchmark.Run(args[1..])
     : args.Length > 0 && args[0] == "write" ? WriteBenchmark.Run(args[1..])
     : args.Length > 0 && args[0] == "sparql" ? SparqlBenchmark.Run(args[1..])
     : args.Length > 0 && args[0] == "sparql-http" ? HttpSparqlBenchmark.Run(args[1..])
     : args.Length > 0 && args[0] == ParseChild.Command ? ParseChild.Run(args[1..])
     : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench -- parse --data FILE [--data FILE2] [--repeat 5] [--no-jena]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench -- write --data FILE [--to rdfxml] [--repeat 5]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench -- sparql --data FILE --queries DIR [--warmup 3] [--repeat 10] [--jena] [--virtuoso]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench -- sparql-http --data FILE --queries DIR [--warmup 3] [--repeat 10] [--virtuoso]");
    return 2;
}
