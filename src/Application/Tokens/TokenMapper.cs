using Multica.Application.DaemonTokens;
using Multica.Domain.Entities;
using Riok.Mapperly.Abstractions;

namespace Multica.Application.Tokens;

/// <summary>Compile-time generated entity → DTO mappings for credentials (the secret hash never leaves).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TokenMapper
{
    [MapperIgnoreTarget(nameof(TokenDto.Token))]
    public static partial TokenDto ToDto(PersonalAccessToken token);

    [MapperIgnoreTarget(nameof(DaemonTokenDto.Token))]
    public static partial DaemonTokenDto ToDto(DaemonToken token);
}
