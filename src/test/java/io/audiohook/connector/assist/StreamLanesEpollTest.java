package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The same lanes on Netty's native epoll transport, which the server's event loops use where it loads (Linux x86-64,
 * as on Cloud Run): the stream and unary channels are epoll channels on those very loops.
 */
class StreamLanesEpollTest extends StreamLanesTest {
    @BeforeAll
    static void nativeTransport() {
        assumeTrue(Epoll.isAvailable(), () -> "Netty's native epoll transport does not load here: "
                + Epoll.unavailabilityCause());
    }

    @Override
    EventLoopGroup newLoops() {
        return new EpollEventLoopGroup(2);
    }

    @Override
    Class<? extends Channel> channelType() {
        return EpollSocketChannel.class;
    }
}
