package org.talkback.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class EventSigning {

    @Produces
    @Singleton
    DeliverySignature deliverySignature(EventsConfig config) {
        return new DeliverySignature(config.secret(), config.signatureTolerance());
    }
}
