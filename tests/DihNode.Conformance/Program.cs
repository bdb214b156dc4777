using DihNode.Conformance;

return ConsoleRunner.Run(args);
