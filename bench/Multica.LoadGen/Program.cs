using System.Globalization;
using Multica.LoadGen;

// A fleet of simulated daemons against a running server. bench/run.sh starts the server and calls this;
// see docs/benchmarks.md. Common options: --server URL --connections 64 --server-pid PID --clock-ticks 100
// --figures FILE (appends "key TAB value TAB unit" lines for the results file), --client lean|httpclient.
//   saturate --route heartbeat|poll|health [--daemons 100 --runtimes-per-daemon 10 --duration 20 --warmup 3 --database-url CS]
//   fleet    [--daemons 100 --runtimes-per-daemon 10 --heartbeat-interval 15 --poll-interval 3 --socket --duration 60
//             --agents 0 --capacity 6 --enqueue-per-second 0 --messages 5]
//   pipeline [--tasks 2000 --warmup-tasks 1000 --workers 16 --agents 4 --creators 16 --messages 5 --max-seconds 600 --reactions wait|ignore
//             --analyze-after-warmup CS]
//   seed-queue --database-url CS [--tasks 3200]
//   cold-start --fresh-server URL [--rounds 21 --key cold]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var command = args.FirstOrDefault();
var options = Options.Parse(args.Skip(1));
var server = new Uri(options.Text("server", "http://127.0.0.1:8080"));
int? pid = options.Text("server-pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null;
var probe = new ServerProbe(pid, options.Int("clock-ticks", 100));
using var api = new Api(server, options.Int("connections", 64), options.Text("client", "lean") != "httpclient");
var run = new Run(api, options, probe, new Report(options.Text("figures")));

switch (command)
{
    case "saturate": await Scenarios.SaturateAsync(run); break;
    case "fleet": await Scenarios.FleetAsync(run); break;
    case "pipeline": await Scenarios.PipelineAsync(run); break;
    case "seed-queue": await Scenarios.SeedQueueAsync(run); break;
    case "cold-start": await ColdStart.RunAsync(run); break;
    default:
        Console.Error.WriteLine("usage: Multica.LoadGen saturate|fleet|pipeline|seed-queue|cold-start --server URL [...] (see docs/benchmarks.md)");
        return 2;
}
return 0;
