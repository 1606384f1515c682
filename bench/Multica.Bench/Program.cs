using Multica.Bench;

// Usage:
//   Multica.Bench pickup      --server URL [--poll-ms 3000] [--samples 20]
//   Multica.Bench pickup-2node --server URL --second-server URL [--samples 50]
//   Multica.Bench claim-depth --server URL --database-url CS [--depths 100,10000,100000] [--claims 200] [--figures FILE]
var options = ParseOptions(args.Skip(1));
var server = new Uri(options.GetValueOrDefault("server", "http://127.0.0.1:8080"));

switch (args.FirstOrDefault())
{
    case "pickup":
    {
        var pollMs = int.Parse(options.GetValueOrDefault("poll-ms", "3000"));
        var samples = int.Parse(options.GetValueOrDefault("samples", "20"));
        var world = await Setup.CreateAsync(server, agentCapacity: 6);
        var ws = await PickupLatency.WebSocketAsync(world, samples);
        Console.WriteLine($"| enqueue → claim, daemon WebSocket wake-up | {Stats.Summary(ws)} |");
        var poll = await PickupLatency.PollingAsync(world, TimeSpan.FromMilliseconds(pollMs), samples);
        Console.WriteLine($"| enqueue → claim, HTTP polling every {pollMs} ms | {Stats.Summary(poll)} |");
        break;
    }
    case "pickup-2node":
    {
        // Enqueue always on the first node; the daemon socket (wake-up and tasks.claim RPC) on the first node,
        // then on the second: the relay's cost is the difference.
        var second = new Uri(options["second-server"]);
        var samples = int.Parse(options.GetValueOrDefault("samples", "50"));
        var world = await Setup.CreateAsync(server, agentCapacity: 6);
        await PickupLatency.SocketRpcAsync(world, server, 5); // warm-up
        var local = await PickupLatency.SocketRpcAsync(world, server, samples);
        Console.WriteLine($"| enqueue on A → wake-up and claim RPC on A's socket (one node) | {Stats.Summary(local)} |");
        await PickupLatency.SocketRpcAsync(world, second, 5); // warm-up
        var cross = await PickupLatency.SocketRpcAsync(world, second, samples);
        Console.WriteLine($"| enqueue on A → wake-up and claim RPC on B's socket (across nodes) | {Stats.Summary(cross)} |");
        break;
    }
    case "claim-depth":
    {
        var connectionString = options["database-url"];
        var claims = int.Parse(options.GetValueOrDefault("claims", "200"));
        foreach (var depth in options.GetValueOrDefault("depths", "100,10000,100000").Split(',').Select(int.Parse))
        {
            var world = await Setup.CreateAsync(server, agentCapacity: 6);
            // Depth stays at least `depth` throughout: the measured claims and the warm-up come on top.
            await ClaimDepth.QueueTasksAsync(connectionString, world, depth + claims + 20);
            await ClaimDepth.MeasureAsync(world, 20); // warm-up
            var samples = await ClaimDepth.MeasureAsync(world, claims);
            Console.WriteLine($"| claim with {depth:N0} tasks queued on the runtime | {Stats.Summary(samples)} |");
            Stats.Figure(options.GetValueOrDefault("figures"), $"claim_depth.{depth}.p50_ms", Stats.Percentile(samples, 0.50), "ms");
            Stats.Figure(options.GetValueOrDefault("figures"), $"claim_depth.{depth}.p99_ms", Stats.Percentile(samples, 0.99), "ms");
        }
        break;
    }
    default:
        Console.Error.WriteLine("usage: Multica.Bench pickup|claim-depth --server URL [...]");
        return 2;
}
return 0;

static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
{
    var result = new Dictionary<string, string>();
    string? key = null;
    foreach (var arg in args)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
            key = arg[2..];
        else if (key is not null)
        {
            result[key] = arg;
            key = null;
        }
    }
    return result;
}
