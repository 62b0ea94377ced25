package dev.outcrop.vertx;

/**
 * An environment module that can begin slow work before the injector is made, such as {@link DemoModule} opening its
 * embedded catalog while Guice builds the injector. {@link OutcropServer#start} calls it first; what it opens it
 * registers with the closer, so a server that then fails to start closes it.
 */
interface EarlyStart {

    void startEarly(Closer closer);
}
