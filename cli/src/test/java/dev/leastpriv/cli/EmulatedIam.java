package dev.leastpriv.cli;

import dev.leastpriv.validator.IamEndpoint;
import dev.leastpriv.validator.MotoServer;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The AWS emulator with the in-test IAM endpoint in front of it (SimulatePrincipalPolicy, which the emulator lacks),
 * and an administrator's IAM client for setting roles up: what a preflight test runs the real command against.
 */
final class EmulatedIam implements AutoCloseable {

    final MotoServer moto;
    final IamClient iam;
    final IamEndpoint simulator;

    private EmulatedIam() {
        moto = MotoServer.start();
        iam = moto.iam(MotoServer.ADMIN);
        simulator = IamEndpoint.start(moto);
    }

    static EmulatedIam start() {
        return new EmulatedIam();
    }

    /** STS and the rest at the emulator, IAM at the in-test simulator (the SDK's per-service endpoint property). */
    void pointAt(SdkProperties sdk) {
        sdk.pointAt(moto.endpoint().toString());
        sdk.set("aws.endpointUrlIam", simulator.endpoint().toString());
    }

    @Override
    public void close() {
        simulator.close();
        iam.close();
        moto.close();
    }
}
