using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Serving;

/// <summary>
/// The service's methods bound with request marshallers that turn a request which is not valid protobuf into
/// INVALID_ARGUMENT naming the message: with the generated ones the parse error escapes before any handler or
/// interceptor and the caller sees UNKNOWN "Exception was thrown by handler", as if the node had failed.
/// </summary>
[BindServiceMethod(typeof(FederationService), nameof(BindNothing))]
internal sealed partial class FederationService
{
    private const string ServiceName = "dihnode.federation.v1.Federation";

    private static readonly Method<P.HelloRequest, P.HelloResponse> s_hello = Unary(nameof(Hello), P.HelloRequest.Parser, P.HelloResponse.Parser);
    private static readonly Method<P.StatisticsRequest, P.Statistics> s_statistics = Unary(nameof(GetStatistics), P.StatisticsRequest.Parser, P.Statistics.Parser);
    private static readonly Method<P.SnapshotRequest, P.SnapshotBatch> s_snapshot = Streaming(nameof(GetSnapshot), P.SnapshotRequest.Parser, P.SnapshotBatch.Parser);
    private static readonly Method<P.SubscribeRequest, P.SubscribeResponse> s_subscribe = Streaming(nameof(Subscribe), P.SubscribeRequest.Parser, P.SubscribeResponse.Parser);
    private static readonly Method<P.QueryRequest, P.QueryResponse> s_query = Streaming(nameof(Query), P.QueryRequest.Parser, P.QueryResponse.Parser);

    /// <summary>
    /// Replaces the generated <c>Federation.BindService</c> the base class names (the gRPC server would bind
    /// the generated marshallers with it): the methods come from <see cref="MethodProvider"/> instead.
    /// </summary>
    public static void BindNothing(ServiceBinderBase binder, FederationService? service)
    {
    }

    /// <summary>The service's methods with <see cref="Marshaller"/>s that refuse a malformed request as INVALID_ARGUMENT.</summary>
    internal sealed class MethodProvider : IServiceMethodProvider<FederationService>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FederationService> context)
        {
            context.AddUnaryMethod(s_hello, [], (service, request, call) => service.Hello(request, call));
            context.AddUnaryMethod(s_statistics, [], (service, request, call) => service.GetStatistics(request, call));
            context.AddServerStreamingMethod(s_snapshot, [], (service, request, stream, call) => service.GetSnapshot(request, stream, call));
            context.AddServerStreamingMethod(s_subscribe, [], (service, request, stream, call) => service.Subscribe(request, stream, call));
            context.AddServerStreamingMethod(s_query, [], (service, request, stream, call) => service.Query(request, stream, call));
        }
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, ServiceName, name, Marshaller(request), Marshaller(response));

    private static Method<TRequest, TResponse> Streaming<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        new(MethodType.ServerStreaming, ServiceName, name, Marshaller(request), Marshaller(response));

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context =>
            {
                try
                {
                    return parser.ParseFrom(context.PayloadAsReadOnlySequence());
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"{typeof(T).Name}: not a valid message: {e.Message}"));
                }
            });
}
