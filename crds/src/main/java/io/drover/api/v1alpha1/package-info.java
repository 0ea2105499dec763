/**
 * The {@code ConsumerGroup} custom resource, {@code drover.io/v1alpha1}. The CRD is generated from
 * these classes; every field's description is the text {@code kubectl explain} shows.
 */
package io.drover.api.v1alpha1;
