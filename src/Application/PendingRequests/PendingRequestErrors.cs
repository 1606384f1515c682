namespace Multica.Application.PendingRequests;

public static class PendingRequestErrors
{
    public const string RequestNotFound = "request not found";
    public const string FailedToLoadRequest = "failed to load request";
    public const string FailedToPersistCompletion = "failed to persist completion";
    public const string FailedToPersistFailure = "failed to persist failure";
    public const string FailedToPersistImportCompletion = "failed to persist import completion";
}
