using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Multica.LoadGen;

/// <summary>
/// A minimal HTTP/1.1 keep-alive client for the measured routes (docs/benchmarks.md, "The load generator's
/// client"): at most `connections` sockets, one request in flight per socket, request bytes written straight
/// into a reused buffer, the answer read by Content-Length or chunked framing. It exists because the load
/// generator shares two cores with the server: `HttpClient` spent about as much CPU per request as a bare route
/// costs the server, so the load generator, not the server, set a large part of every closed-loop figure.
/// pgbench, the ceilings' client, is lean C; this client brings the HTTP side closer to it.
/// </summary>
public sealed class LeanHttp(Uri server, int connections) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(connections, connections);
    private readonly ConcurrentStack<Connection> _idle = new();
    private readonly byte[] _host = Encoding.ASCII.GetBytes(server.Authority);
    private volatile bool _disposed;

    /// <summary>Sends one request and returns the status and a copy of the body.</summary>
    public async Task<(int Status, byte[] Body)> SendAsync(string method, string path, byte[]? body, string? token,
        Guid? workspace, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(ct);
        Connection? connection = null;
        try
        {
            if (!_idle.TryPop(out connection))
                connection = await Connection.OpenAsync(server, ct);
            var reply = await connection.ExchangeAsync(Head(connection, method, path, body, token, workspace), body, ct);
            if (reply.KeepAlive)
                _idle.Push(connection);
            else
                connection.Dispose();
            connection = null;
            return (reply.Status, reply.Body);
        }
        finally
        {
            connection?.Dispose(); // failed mid-exchange: the socket's state is unknown, never reused
            _slots.Release();
        }
    }

    private int Head(Connection c, string method, string path, byte[]? body, string? token, Guid? workspace)
    {
        var w = new Writer(c.SendBuffer);
        w.Ascii(method); w.Ascii(" "); w.Ascii(path); w.Ascii(" HTTP/1.1\r\nHost: "); w.Bytes(_host);
        if (token is not null)
        {
            w.Ascii("\r\nAuthorization: Bearer "); w.Ascii(token);
        }
        if (workspace is not null)
        {
            w.Ascii("\r\nX-Workspace-ID: "); w.Guid(workspace.Value);
        }
        if (body is not null)
            w.Ascii("\r\nContent-Type: application/json");
        w.Ascii("\r\nContent-Length: "); w.Int(body?.Length ?? 0);
        w.Ascii("\r\n\r\n");
        return w.Length;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var c))
            c.Dispose();
    }

    private ref struct Writer(byte[] buffer)
    {
        private readonly Span<byte> _span = buffer;
        public int Length { get; private set; }

        public void Ascii(string text) => Length += Encoding.ASCII.GetBytes(text, _span[Length..]);
        public void Bytes(byte[] bytes) { bytes.CopyTo(_span[Length..]); Length += bytes.Length; }
        public void Int(int value) { Utf8Formatter.TryFormat(value, _span[Length..], out var n); Length += n; }
        public void Guid(Guid value) { Utf8Formatter.TryFormat(value, _span[Length..], out var n); Length += n; }
    }

    private readonly record struct Reply(int Status, byte[] Body, bool KeepAlive);

    private sealed class Connection : IDisposable
    {
        private readonly Socket _socket;
        private byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public byte[] SendBuffer { get; } = new byte[4 * 1024];

        private Connection(Socket socket) => _socket = socket;

        public static async Task<Connection> OpenAsync(Uri server, CancellationToken ct)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var address = IPAddress.TryParse(server.Host, out var ip)
                    ? ip
                    : (await Dns.GetHostAddressesAsync(server.Host, AddressFamily.InterNetwork, ct))[0];
                await socket.ConnectAsync(new IPEndPoint(address, server.Port), ct);
                return new Connection(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async Task<Reply> ExchangeAsync(int headLength, byte[]? body, CancellationToken ct)
        {
            if (body is not null && headLength + body.Length <= SendBuffer.Length)
            {
                body.CopyTo(SendBuffer, headLength);
                await SendAllAsync(SendBuffer.AsMemory(0, headLength + body.Length), ct);
            }
            else
            {
                await SendAllAsync(SendBuffer.AsMemory(0, headLength), ct);
                if (body is not null)
                    await SendAllAsync(body, ct);
            }
            return await ReadReplyAsync(ct);
        }

        private async Task SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            while (!bytes.IsEmpty)
                bytes = bytes[await _socket.SendAsync(bytes, SocketFlags.None, ct)..];
        }

        private async Task<Reply> ReadReplyAsync(CancellationToken ct)
        {
            int headEnd;
            while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
                await FillAsync(ct);
            var head = _buffer.AsSpan(_start, headEnd);
            _start += headEnd + 4;
            // "HTTP/1.1 200 OK"
            if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
                throw new InvalidDataException("malformed status line");
            long? length = null;
            var chunked = false;
            var keepAlive = true;
            var rest = head;
            while (rest.IndexOf("\r\n"u8) is var eol and >= 0)
            {
                rest = rest[(eol + 2)..];
                var line = rest.IndexOf("\r\n"u8) is var next and >= 0 ? rest[..next] : rest;
                var colon = line.IndexOf((byte)':');
                if (colon <= 0)
                    continue;
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && Utf8Parser.TryParse(value, out long n, out _))
                    length = n;
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                    chunked = value.IndexOf("chunked"u8) >= 0;
                else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
                    keepAlive = !Ascii.EqualsIgnoreCase(value, "close"u8);
            }
            byte[] bodyBytes;
            if (status is 204 or 304 or < 200)
                bodyBytes = []; // no body by definition (RFC 9110, 6.4.1)
            else if (chunked)
                bodyBytes = await ReadChunkedAsync(ct);
            else if (length is { } size)
                bodyBytes = await ReadExactAsync((int)size, ct);
            else
                throw new InvalidDataException("answer without length (not supported by the lean client)");
            return new Reply(status, bodyBytes, keepAlive);
        }

        private async Task<byte[]> ReadExactAsync(int size, CancellationToken ct)
        {
            if (size == 0)
                return [];
            while (_end - _start < size)
                await FillAsync(ct);
            var bytes = _buffer.AsSpan(_start, size).ToArray();
            _start += size;
            return bytes;
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            var body = new ArrayBufferWriter<byte>();
            while (true)
            {
                int eol;
                while ((eol = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
                    await FillAsync(ct);
                var sizeText = _buffer.AsSpan(_start, eol);
                if (sizeText.IndexOf((byte)';') is var ext and >= 0)
                    sizeText = sizeText[..ext];
                if (!Utf8Parser.TryParse(sizeText, out int size, out _, 'x'))
                    throw new InvalidDataException("malformed chunk size");
                _start += eol + 2;
                while (_end - _start < size + 2)
                    await FillAsync(ct);
                body.Write(_buffer.AsSpan(_start, size));
                _start += size + 2; // the chunk's CRLF
                if (size == 0)
                    return body.WrittenSpan.ToArray(); // no trailers are sent by the server
            }
        }

        private async Task FillAsync(CancellationToken ct)
        {
            if (_start == _end)
                _start = _end = 0;
            else if (_end == _buffer.Length)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                else
                    Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
            if (read == 0)
                throw new IOException("the server closed the connection");
            _end += read;
        }

        public void Dispose() => _socket.Dispose();
    }
}
