using System.Buffers;
using System.IO.Pipelines;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// A whole request body, read from the request's pipe. A body that arrived in one buffer (most JSON bodies:
/// Kestrel's buffers are 4 KiB) is used where it lies, with no copy; a longer one is copied once into a pooled
/// array. The bytes stay valid until <see cref="Dispose"/>, which hands the buffers back
/// (docs/benchmarks.md, fifteenth stop: a body used to be copied into a growing <see cref="MemoryStream"/>).
/// </summary>
public readonly struct RequestBodyBytes : IDisposable
{
    private readonly PipeReader? _reader;
    private readonly SequencePosition _end;
    private readonly byte[]? _rented;

    private RequestBodyBytes(PipeReader? reader, SequencePosition end, ReadOnlyMemory<byte> bytes, byte[]? rented, bool tooLarge)
    {
        _reader = reader;
        _end = end;
        Bytes = bytes;
        _rented = rented;
        TooLarge = tooLarge;
    }

    /// <summary>The body (empty when <see cref="TooLarge"/>).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The body passed the limit it was read with; the rest of it was not waited for.</summary>
    public bool TooLarge { get; }

    /// <param name="maxBytes">Stop once the body is known to be longer than this (<see cref="TooLarge"/>).</param>
    public static async ValueTask<RequestBodyBytes> ReadAsync(HttpRequest request, CancellationToken ct, int? maxBytes = null)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            if (maxBytes is { } limit && buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return new RequestBodyBytes(null, default, ReadOnlyMemory<byte>.Empty, null, tooLarge: true);
            }
            if (result.IsCanceled)
                throw new OperationCanceledException(ct);
            if (result.IsCompleted)
            {
                if (buffer.IsSingleSegment)
                    return new RequestBodyBytes(reader, buffer.End, buffer.First, null, tooLarge: false);
                var length = checked((int)buffer.Length);
                var rented = ArrayPool<byte>.Shared.Rent(length);
                buffer.CopyTo(rented);
                return new RequestBodyBytes(reader, buffer.End, rented.AsMemory(0, length), rented, tooLarge: false);
            }
            // Nothing consumed yet: wait for the rest of the body with what has arrived kept in the pipe.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose()
    {
        _reader?.AdvanceTo(_end);
        if (_rented is not null)
            ArrayPool<byte>.Shared.Return(_rented);
    }
}
