using System.Buffers;
using System.Text.Json;

namespace Multica.WebApi.Input;

/// <summary>What to do with text PostgreSQL cannot store (a NUL character or a lone UTF-16 surrogate).</summary>
public enum UnstorableText
{
    /// <summary>Refuse the request with 400: a person typed it and can fix it.</summary>
    Reject,

    /// <summary>Drop NUL characters and replace lone surrogates with U+FFFD: daemon data must not be lost.</summary>
    Clean,
}

/// <summary>
/// The single policy for text PostgreSQL rejects in <c>text</c> and <c>jsonb</c> columns: the NUL character
/// (<c>\u0000</c>) and lone surrogate escapes (<c>\ud800</c> without its pair). Applied to every JSON body before it
/// is decoded and to every path and query string before routing (docs/configuration.md, "Input limits and text").
/// Daemon routes carry agent output, messages and reports, which are cleaned so no data is lost; every other
/// route carries what a person typed, which is refused.
/// </summary>
public static class TextPolicy
{
    public static UnstorableText ModeFor(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/daemon") ? UnstorableText.Clean : UnstorableText.Reject;

    /// <summary>True when the text holds a character PostgreSQL cannot store.</summary>
    public static bool IsUnstorable(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return true;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return true;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Applies the policy to a JSON document's string escapes: returns the body itself when nothing needs doing,
    /// a cleaned copy in <see cref="UnstorableText.Clean"/> mode, or throws <see cref="JsonException"/> (which the
    /// decoders answer with 400 "invalid request body") in <see cref="UnstorableText.Reject"/> mode.
    /// Raw NUL bytes and invalid UTF-8 are left to the JSON reader, which refuses them.
    /// </summary>
    public static ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> body, UnstorableText mode)
    {
        var span = body.Span;
        if (span.IndexOf("\\u"u8) < 0)
            return body;

        ArrayBufferWriter<byte>? output = null;
        var copiedUpTo = 0;
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (!inString)
            {
                if (b == (byte)'"')
                    inString = true;
                continue;
            }
            if (b == (byte)'"')
            {
                inString = false;
                continue;
            }
            if (b != (byte)'\\' || i + 1 >= span.Length)
                continue;
            if (span[i + 1] != (byte)'u' || !TryHex(span, i + 2, out var code))
            {
                i++; // any other escape: skip the escaped byte
                continue;
            }

            var length = 6;
            string? replacement = null;
            if (code == 0)
            {
                replacement = "";
            }
            else if (code is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 11 < span.Length && span[i + 6] == (byte)'\\' && span[i + 7] == (byte)'u'
                    && TryHex(span, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
                    length = 12; // a valid pair
                else
                    replacement = "\\ufffd";
            }
            else if (code is >= 0xDC00 and <= 0xDFFF)
            {
                replacement = "\\ufffd";
            }

            if (replacement is not null)
            {
                if (mode == UnstorableText.Reject)
                    throw new JsonException("text contains a character that cannot be stored");
                output ??= new ArrayBufferWriter<byte>(span.Length);
                output.Write(span[copiedUpTo..i]);
                output.Write(System.Text.Encoding.ASCII.GetBytes(replacement));
                copiedUpTo = i + length;
            }
            i += length - 1;
        }

        if (output is null)
            return body;
        output.Write(span[copiedUpTo..]);
        return output.WrittenMemory;
    }

    private static bool TryHex(ReadOnlySpan<byte> span, int start, out int value)
    {
        value = 0;
        if (start + 4 > span.Length)
            return false;
        for (var k = start; k < start + 4; k++)
        {
            var c = span[k];
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
                return false;
            value = value * 16 + digit;
        }
        return true;
    }
}
