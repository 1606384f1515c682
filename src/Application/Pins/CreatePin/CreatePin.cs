using Multica.Domain.Constants;
using Multica.Domain.Entities;
using FluentValidation;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.Pins.Shared;

namespace Multica.Application.Pins.CreatePin;

/// <summary>POST /api/pins {"item_type": "issue"|"project", "item_id"}: pinned at the end of the caller's list.</summary>
public sealed record CreatePinCommand(string WorkspaceId, string? ItemType, string? ItemId) : ICommand<PinDto>, IWorkspaceMemberScoped
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
}

public sealed class CreatePinValidator : AbstractValidator<CreatePinCommand>
{
    public CreatePinValidator()
    {
        RuleFor(x => x.ItemType).Must(t => t is PinItemType.Issue or PinItemType.Project).WithMessage("item_type must be 'issue' or 'project'");
        RuleFor(x => x.ItemId).Must(i => !string.IsNullOrEmpty(i)).WithMessage("item_id is required");
    }
}

public sealed class CreatePinHandler(AccessScope scope, ICallerContext caller, IPinRepository pins, PinEvents events, TimeProvider time)
    : ICommandHandler<CreatePinCommand, PinDto>
{
    public async ValueTask<PinDto> Handle(CreatePinCommand c, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var notFound = c.ItemType == PinItemType.Issue ? ErrorMessages.IssueNotFound : "project not found";
        if (Ids.Parse(c.ItemId) is not { } itemId || !await pins.ItemExistsAsync(workspaceId, c.ItemType!, itemId, ct))
            throw new NotFoundException(notFound);
        var pin = await pins.AddAsync(workspaceId, caller.RequireUserId(), c.ItemType!, itemId, time.GetUtcNow().UtcDateTime, ct)
            ?? throw new ConflictException("item already pinned");
        var dto = PinDto.From(pin);
        events.Created(dto);
        return dto;
    }
}
