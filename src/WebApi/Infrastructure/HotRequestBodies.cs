using Multica.Application.DaemonProtocol.Claiming.ClaimTasksBatch;
using Multica.WebApi.Controllers;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// Request bodies of the hot routes that MVC's model validation skips (Program.cs). Only types whose properties are all
/// optional belong here: a non-nullable reference property would be an implicit [Required] that the walk enforces
/// (<c>HotRouteAnswersTests</c> checks every listed type).
/// </summary>
public static class HotRequestBodies
{
    public static readonly Type[] Types =
    [
        typeof(DaemonPresenceController.HeartbeatBody),
        typeof(DaemonTasksController.MessagesBody),
        typeof(BatchClaimRequest),
        typeof(IssuesController.CreateIssueBody),
    ];
}
