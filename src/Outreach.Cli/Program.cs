using Outreach.Cli.Commands;

// `outreach`: headless planning, data import and benchmarks. Each command lives in Commands/.
return await OutreachCommandLine.InvokeAsync(args);
