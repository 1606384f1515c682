using Microsoft.Extensions.Options;
using Multica.Application.Common.Caching;
using Multica.Application.Tasks;

namespace Multica.Application.PendingRequests;

/// <summary>
/// Per-runtime "no pending side-channel request" marks, so a heartbeat skips its pending-request probe while
/// nothing can be waiting (docs/pending-requests.md, "The heartbeat's probe"). Only a create puts a request
/// into the pending status, and every create is followed by the <c>PendingWork</c> hint, which this node's
/// daemon hub turns into an invalidation and which is relayed to every other node. The mark's lifetime is the
/// empty-poll one (<c>Tasks:EmptyPollMarkSeconds</c>); the version, suspension and lifetime rules are those of
/// <see cref="RuntimeEmptinessMarks"/>.
/// </summary>
public sealed class NothingPendingMarks(TimeProvider time, IOptions<TaskOptions> options) : RuntimeEmptinessMarks(time, options);
