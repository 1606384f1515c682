using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Multica.WebApi.OpenApi;

/// <summary>
/// What a thin controller action answers, read from its compiled body: the response type of the mediator
/// request it sends (<c>Ok(await Mediator.Send(...))</c>) and whether it answers 204. An action that reshapes
/// the mediator's answer (reads a property of it, wraps it) gets no inferred body: it declares its own with
/// <see cref="ProducesResponseTypeAttribute"/>.
/// </summary>
public static class ActionResponseTypes
{
    public readonly record struct Inferred(Type? Body, bool NoContent, int Status = 200);

    private static readonly ConcurrentDictionary<MethodInfo, Inferred> Cache = new();

    public static Inferred Infer(MethodInfo action) => Cache.GetOrAdd(action, Compute);

    private static Inferred Compute(MethodInfo action)
    {
        var body = BodyOf(action);
        var il = body?.GetMethodBody()?.GetILAsByteArray();
        if (body is null || il is null)
            return default;

        var responses = new List<Type>();
        var noContent = false;
        var reshaped = false;
        var status = 200;
        foreach (var (called, lastInt) in CalledMethods(body, il))
        {
            if (called.Name == nameof(ControllerBase.StatusCode) && called.DeclaringType == typeof(ControllerBase) &&
                called.GetParameters().Length == 2 && lastInt is >= 200 and < 300)
                status = lastInt.Value;
            else if (called.Name == nameof(ControllerBase.NoContent) && called.DeclaringType == typeof(ControllerBase))
                noContent = true;
            else if (called.Name == "Send" && called.IsGenericMethod &&
                     called.DeclaringType?.Namespace == typeof(IMediator).Namespace)
            {
                var response = called.GetGenericArguments()[0];
                if (response != typeof(Unit))
                    responses.Add(response);
            }
            else if (called.DeclaringType is { } owner && responses.Contains(owner))
                reshaped = true;
        }
        var distinct = responses.Distinct().ToList();
        return new Inferred(distinct.Count == 1 && !reshaped && !noContent ? distinct[0] : null, noContent, status);
    }

    /// <summary>The method holding the action's code: the state machine's MoveNext for an async action.</summary>
    private static MethodBase? BodyOf(MethodInfo action) =>
        action.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType
            .GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        ?? (MethodBase)action;

    /// <summary>
    /// Targets of call/callvirt/newobj instructions (with the last 32-bit constant loaded before each, the status
    /// of <c>StatusCode(201, …)</c>), decoded well enough to skip other operands.
    /// </summary>
    private static IEnumerable<(MethodBase Method, int? LastInt)> CalledMethods(MethodBase body, byte[] il)
    {
        var module = body.Module;
        var typeArgs = body.DeclaringType?.IsGenericType == true ? body.DeclaringType.GetGenericArguments() : null;
        int? lastInt = null;
        for (var i = 0; i < il.Length;)
        {
            var op = il[i++];
            if (op == 0x20)
                lastInt = BitConverter.ToInt32(il, i);
            if (op == 0xFE)
            {
                // Two-byte opcodes: only ldarg/ldarga/starg/ldloc/ldloca/stloc (2-byte operand), unaligned (1),
                // initobj/constrained/sizeof/ldftn/ldvirtftn (4) carry operands.
                var op2 = il[i++];
                i += op2 switch { >= 0x09 and <= 0x0E => 2, 0x12 => 1, 0x06 or 0x07 or 0x15 or 0x16 or 0x1C => 4, _ => 0 };
                continue;
            }
            if (op is 0x28 or 0x6F or 0x73)
            {
                var token = BitConverter.ToInt32(il, i);
                i += 4;
                MethodBase? method = null;
                try { method = module.ResolveMethod(token, typeArgs, null); }
                catch (ArgumentException) { }
                if (method is not null)
                    yield return (method, lastInt);
                continue;
            }
            i += OperandSize(op, il, i);
        }
    }

    private static int OperandSize(byte op, byte[] il, int at) => op switch
    {
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F => 1,   // *.s with an index or int8
        >= 0x2B and <= 0x37 => 1,                                     // short branches
        0xDE => 1,                                                    // leave.s
        0x20 or 0x22 => 4,                                            // ldc.i4, ldc.r4
        0x21 or 0x23 => 8,                                            // ldc.i8, ldc.r8
        >= 0x38 and <= 0x44 => 4,                                     // long branches
        0xDD => 4,                                                    // leave
        0x45 => 4 + 4 * BitConverter.ToInt32(il, at),                 // switch
        0x27 or 0x29 or 0x70 or 0x71 or 0x72 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E or 0x7F
            or 0x80 or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 => 4, // tokens
        _ => 0,
    };
}
