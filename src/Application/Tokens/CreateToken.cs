using FluentValidation;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Tokens;

public sealed record CreateTokenCommand(string? Name, int? ExpiresInDays) : ICommand<TokenDto>, IHumanOnly;

public sealed class CreateTokenValidator : AbstractValidator<CreateTokenCommand>
{
    public CreateTokenValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required");
        RuleFor(x => x.Name).Must(n => n is null || n.Length <= 255).WithMessage("name is too long");
        RuleFor(x => x.ExpiresInDays).Must(d => d is null or <= 36500).WithMessage("expires_in_days is too large");
    }
}

public sealed class CreateTokenHandler(ICallerContext caller, ITokenRepository tokens, TimeProvider time)
    : ICommandHandler<CreateTokenCommand, TokenDto>
{
    public async ValueTask<TokenDto> Handle(CreateTokenCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var plain = OpaqueTokens.New(OpaqueTokens.PersonalAccessTokenPrefix);
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = caller.RequireUserId(),
            Name = command.Name!.Trim(),
            TokenHash = OpaqueTokens.Hash(plain),
            TokenPrefix = OpaqueTokens.DisplayPrefix(plain),
            ExpiresAt = command.ExpiresInDays is > 0 and var days ? now.AddDays(days) : null,
            CreatedAt = now,
        };
        await tokens.AddPersonalAccessTokenAsync(token, ct);
        return TokenMapper.ToDto(token) with { Token = plain };
    }
}
